// PostgresLibPQ: placeholder until its first file lands.
