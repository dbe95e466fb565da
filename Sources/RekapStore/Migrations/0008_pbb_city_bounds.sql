-- PBB-P2 rows and loads stay within one city (hardening issue, item 4).
--
-- 1. A ketetapan's NOP names its kota/kabupaten in its first 4 digits (PP KK); it must be its
--    kelurahan's city. A revenue token of Dumai (14.72) could load an object 1471… (Pekanbaru)
--    under a Dumai kelurahan: Pekanbaru's own assessment of it was then refused (the row exists,
--    hidden from Pekanbaru) and Pekanbaru's payments for it counted in Dumai's ranking. The feed
--    checker refuses such a line (PBBFeedRowChecker); the policies refuse the row as well.
--    Rows stored before this migration are left as they are (an operator's decision).
--
-- 2. Load headers belong to the city whose revenue agency loaded them: a revenue token learned
--    that another city had loaded the same bytes (its load id and time). `city_code` is the
--    scope's city for a load through the API, NULL for a load by the owner (`rekap pbb load`, any
--    city). "Already loaded" is per city: the same bytes may be loaded once by each.

CREATE FUNCTION rekap_nop_in_city(nop text, city_code text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT left(nop, 4) = substr(city_code, 1, 2) || substr(city_code, 4, 2)
$$;

DROP POLICY pbb_ketetapan_write ON pbb_ketetapan;
DROP POLICY pbb_ketetapan_replace ON pbb_ketetapan;
CREATE POLICY pbb_ketetapan_write ON pbb_ketetapan FOR INSERT TO rekap_api
    WITH CHECK (rekap_may_load_pbb(left(kelurahan_code, 5)) AND rekap_nop_in_city(nop, left(kelurahan_code, 5)));
CREATE POLICY pbb_ketetapan_replace ON pbb_ketetapan FOR UPDATE TO rekap_api
    USING (rekap_may_load_pbb(left(kelurahan_code, 5)))
    WITH CHECK (rekap_may_load_pbb(left(kelurahan_code, 5)) AND rekap_nop_in_city(nop, left(kelurahan_code, 5)));

ALTER TABLE pbb_load ADD COLUMN city_code text REFERENCES region (code) CHECK (octet_length(city_code) = 5);
ALTER TABLE pbb_load DROP CONSTRAINT pbb_load_kind_sha256_key;
CREATE UNIQUE INDEX pbb_load_kind_city_sha256_key ON pbb_load (kind, coalesce(city_code, ''), sha256);

DROP POLICY pbb_load_read ON pbb_load;
DROP POLICY pbb_load_write ON pbb_load;
CREATE POLICY pbb_load_read ON pbb_load FOR SELECT TO rekap_api USING (rekap_may_read_pbb_ranking(city_code));
CREATE POLICY pbb_load_write ON pbb_load FOR INSERT TO rekap_api WITH CHECK (rekap_may_load_pbb(city_code));
