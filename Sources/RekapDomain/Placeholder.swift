// RekapDomain: placeholder until its first file lands.
