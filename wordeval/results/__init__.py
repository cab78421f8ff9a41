"""Result records and their store."""
