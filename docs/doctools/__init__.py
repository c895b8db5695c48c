"""Doc tooling of the site (see the README's tour); not part of the reader's package, never published."""
