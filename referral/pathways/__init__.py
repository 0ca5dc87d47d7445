"""The pathway space: programmes, families, children, pathways, needs (children's data)."""
