"""asllint's built-in rules, installed as the import package ``asllint_rules``.

Each family is a sub-package registered in the ``asllint`` entry point group under its
prefix, exactly as a third-party rule pack would be.
"""
