// RekapStore: placeholder until its first file lands.
