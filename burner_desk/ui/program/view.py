from PySide6.QtWidgets import QWidget

ProgramView = QWidget
