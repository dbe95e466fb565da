-- The PBB-P2 tables' per-row checks: the same promises for less (issue #4, a province's 7 M rows
-- copied in about the time psql needs). Server CPU time of COPYing 1 M feed rows, over a table of
-- plain types (Benchmarks/pbb-check-costs.sh, noisy by some 100 ms): the old nop, tahun and pokok
-- columns add 830-1120 ms, the new ones about 440. What each column now refuses is what it refused
-- before (Tests/RekapStoreTests/Schema/PBBSchemaTests.swift).
--
-- nop: 18 ASCII digits. Was the pbb_nop domain, char(18) with length() and `!~ '[^0-9]'`. Now text
--   with the same pattern test (ltrim or translate by the digits cost twice as much in UTF-8) and 18
--   bytes, without the padding coercion and the domain step. Stricter only where char(18) was lax:
--   it cut trailing blanks off a longer value, text refuses them.
-- tahun: the same range, as a table CHECK rather than a domain.
-- pokok, denda: whole rupiah (contract §2) as bigint below 10^18, a CHECK on an integer compare
--   (about 0 ms a million) where the rupiah domain and `= trunc(...)` cost some 420 ms per amount
--   column. bigint's input refuses every text with a fraction, sign or exponent ("1.5", "1e3",
--   "100.00"), so what COPY and text parameters send is refused as before or more strictly. One
--   thing is not refused but rounded: a value already typed numeric (or float) is cast to bigint by
--   PostgreSQL's assignment cast before any check sees it. rekap never writes these columns that way
--   (COPY of checked text; the loader's staging columns are bigint too).
-- Aggregates are unaffected: sum() of bigint is numeric, and Decimal decodes integer columns.

-- The view and the policies that name the changed columns are recreated as 0003 and 0006 made them.
DROP VIEW pbb_orphan_payment;
DROP POLICY pbb_pembayaran_read ON pbb_pembayaran;
DROP POLICY pbb_pembayaran_write ON pbb_pembayaran;

ALTER TABLE pbb_ketetapan DROP CONSTRAINT pbb_ketetapan_pokok_check;
ALTER TABLE pbb_pembayaran DROP CONSTRAINT pbb_pembayaran_pokok_check,
                           DROP CONSTRAINT pbb_pembayaran_denda_check;

-- One rewrite per table; the stored values pass the new checks (they passed the stricter-typed old ones).
ALTER TABLE pbb_ketetapan
    ALTER COLUMN nop TYPE text,
    ALTER COLUMN tahun TYPE integer,
    ALTER COLUMN pokok TYPE bigint,
    ADD CONSTRAINT pbb_ketetapan_nop_check CHECK (octet_length(nop) = 18 AND nop !~ '[^0-9]'),
    ADD CONSTRAINT pbb_ketetapan_tahun_check CHECK (tahun BETWEEN 1986 AND 2100),
    ADD CONSTRAINT pbb_ketetapan_pokok_check CHECK (pokok >= 0 AND pokok < 1000000000000000000);

ALTER TABLE pbb_pembayaran
    ALTER COLUMN nop TYPE text,
    ALTER COLUMN tahun TYPE integer,
    ALTER COLUMN pokok TYPE bigint,
    ALTER COLUMN denda TYPE bigint,
    ADD CONSTRAINT pbb_pembayaran_nop_check CHECK (octet_length(nop) = 18 AND nop !~ '[^0-9]'),
    ADD CONSTRAINT pbb_pembayaran_tahun_check CHECK (tahun BETWEEN 1986 AND 2100),
    ADD CONSTRAINT pbb_pembayaran_pokok_check CHECK (pokok >= 0 AND pokok < 1000000000000000000),
    ADD CONSTRAINT pbb_pembayaran_denda_check CHECK (denda >= 0 AND denda < 1000000000000000000);

DROP DOMAIN pbb_nop;
DROP DOMAIN pbb_tahun;

-- As in 0003.
CREATE VIEW pbb_orphan_payment AS
SELECT p.nop,
       p.tahun,
       p.tanggal,
       p.pokok,
       p.denda,
       p.seq,
       p.load_id,
       substr(p.nop, 1, 2) || '.' || substr(p.nop, 3, 2) AS city_code
FROM pbb_pembayaran p
WHERE NOT EXISTS (SELECT 1 FROM pbb_ketetapan k WHERE k.nop = p.nop AND k.tahun = p.tahun);

-- As in 0006.
GRANT SELECT ON pbb_orphan_payment TO rekap_api;
ALTER VIEW pbb_orphan_payment SET (security_invoker = true);
CREATE POLICY pbb_pembayaran_read ON pbb_pembayaran FOR SELECT TO rekap_api
    USING (rekap_may_read_pbb_ranking(substr(nop, 1, 2) || '.' || substr(nop, 3, 2)));
CREATE POLICY pbb_pembayaran_write ON pbb_pembayaran FOR INSERT TO rekap_api
    WITH CHECK (rekap_may_load_pbb(substr(nop, 1, 2) || '.' || substr(nop, 3, 2)));
