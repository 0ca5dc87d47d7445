"""Partner self-service: partners keep their entries, coordinators moderate, errors get reported."""
