"""The central sync server (FastAPI). Arrives with the sync issue."""
