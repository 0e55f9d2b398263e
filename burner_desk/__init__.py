"""burner_desk: the detective's offline-first desktop app for the burner-phone program."""

__version__ = "0.1.0"
