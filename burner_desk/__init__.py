"""burner_desk: the detective's offline-first desktop app for the burner-phone program.

The version lives in pyproject.toml only; read it with `burner_desk.paths.app_version()`.
"""
