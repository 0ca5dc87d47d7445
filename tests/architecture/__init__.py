"""Architecture checks run by import-linter (`make test`): contracts of our own."""
