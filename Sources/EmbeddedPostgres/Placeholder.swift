// EmbeddedPostgres: placeholder until its first file lands.
