"""The application's pages and API over the catalogue library."""
