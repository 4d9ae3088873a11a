"""The Qt-free core: data, rules and decisions shared by the window, the CLI and the packs."""
