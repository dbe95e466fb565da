-- PBB-P2 feeds from the revenue agency (contract §2): per-object ketetapan (assessments) and
-- pembayaran (payments), bulk-loaded by `rekap pbb load`. The kelurahan realisasi the
-- aggregates compute comes from these two tables.
--
-- Keys carry the contract's promises: a later ketetapan for the same object and year replaces
-- the earlier one, and a payment is identified by its own content plus its occurrence number
-- within a file, so loading a file twice (or a cumulative re-export that repeats earlier
-- payments) never counts a payment twice.

-- One row per loaded file; the same bytes (SHA-256) of the same kind are recognised as
-- already loaded.
CREATE TABLE pbb_load (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind       text NOT NULL CHECK (kind IN ('ketetapan', 'pembayaran')),
    file_name  text NOT NULL,
    sha256     bytea NOT NULL CHECK (length(sha256) = 32),
    row_count  bigint NOT NULL CHECK (row_count >= 0),
    loaded_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, sha256)
);

-- A NOP is 18 digits: PP KK CCC DDD BBB NNNN K (provinsi, kabupaten/kota, kecamatan, desa,
-- blok, object number, object kind). Checked as "no non-digit" rather than with an anchored
-- pattern: on a province's millions of rows `~ '^[0-9]{18}$'` cost about 4 times as much
-- (measured: some 4 µs against 1 µs a row), more than the COPY itself.
CREATE DOMAIN pbb_nop AS char(18) CHECK (length(VALUE) = 18 AND VALUE !~ '[^0-9]');

-- PBB-P2 is a regional tax since 2011-2014; assessments before the 1986 PBB law are not data.
CREATE DOMAIN pbb_tahun AS integer CHECK (VALUE BETWEEN 1986 AND 2100);

CREATE TABLE pbb_ketetapan (
    nop            pbb_nop NOT NULL,
    tahun          pbb_tahun NOT NULL,
    -- Level 4 only: a registered code (the registry checks its shape) of 13 bytes,
    -- PP.KK.CC.NNNN, is a kelurahan or desa; a pattern would cost as much as the COPY.
    kelurahan_code text NOT NULL REFERENCES region (code) CHECK (octet_length(kelurahan_code) = 13),
    pokok          rupiah NOT NULL CHECK (pokok = trunc(pokok)),
    -- The load that set the current values (an identical re-load leaves it unchanged). No
    -- foreign key: pbb_load is append-only and the loader writes the id it has just inserted,
    -- while a per-row check would cost about a third of a bulk merge.
    load_id        bigint NOT NULL,
    PRIMARY KEY (nop, tahun)
);

-- Realisasi and ketetapan per kelurahan for a year.
CREATE INDEX pbb_ketetapan_tahun_kelurahan_idx ON pbb_ketetapan (tahun, kelurahan_code);

-- No foreign key to pbb_ketetapan on purpose: a payment may arrive before its assessment;
-- it is kept (see pbb_orphan_payment) and counts once its ketetapan is loaded.
CREATE TABLE pbb_pembayaran (
    nop      pbb_nop NOT NULL,
    tahun    pbb_tahun NOT NULL,
    tanggal  date NOT NULL,
    pokok    rupiah NOT NULL CHECK (pokok = trunc(pokok)),
    -- Penalty paid; not part of realisasi.
    denda    rupiah NOT NULL CHECK (denda = trunc(denda)),
    -- 1 for the first of identical rows in a file, 2 for the second, ...: two real payments of
    -- the same amount on the same day are both kept, a repeated file adds nothing.
    seq      integer NOT NULL CHECK (seq >= 1),
    -- The load that first stored the payment (no foreign key, as for pbb_ketetapan.load_id).
    load_id  bigint NOT NULL,
    PRIMARY KEY (nop, tahun, tanggal, pokok, denda, seq)
);

-- Paid per object for a year (lunas, joins to ketetapan), and realisasi up to a date.
CREATE INDEX pbb_pembayaran_tahun_nop_idx ON pbb_pembayaran (tahun, nop);
CREATE INDEX pbb_pembayaran_tahun_tanggal_idx ON pbb_pembayaran (tahun, tanggal);

-- Payments whose NOP has no ketetapan for their year. The city comes from the NOP's first two
-- segments, the only region a payment names itself.
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
