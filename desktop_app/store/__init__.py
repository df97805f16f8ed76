"""SQLite storage via sqlite-utils: connection, migrations, one module per aggregate. Imports domain
only."""
