"""The PySide6 shell: shows what the core computes; never opens a file or database itself."""
