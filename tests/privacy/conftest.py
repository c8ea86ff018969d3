from storage_fixtures import database, empty_database, engine

__all__ = ["database", "empty_database", "engine"]
