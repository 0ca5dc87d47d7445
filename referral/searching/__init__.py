"""Search in the application: query parameters, place resolution, running and loading results."""
