-- The region registry: every Kemendagri kode wilayah rekap knows (provinsi, kabupaten/kota,
-- kecamatan, kelurahan/desa), keyed by the code itself.
--
-- Hierarchy: a Kemendagri code with dots ("14.72.02.1004") is already a valid ltree path, so
-- `path` is generated from `code` and a GiST index makes "every region under 14.72"
-- (`path <@ '14.72'`) an indexed query. A recursive CTE over parent_code would work too, but
-- costs a join per level on every ranking and scope check.
CREATE EXTENSION IF NOT EXISTS ltree;

CREATE TABLE region (
    code        text PRIMARY KEY
                CHECK (code ~ '^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$'),
    name        text NOT NULL CHECK (btrim(name) <> ''),
    level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
    parent_code text REFERENCES region (code) DEFERRABLE INITIALLY DEFERRED,
    path        ltree GENERATED ALWAYS AS (text2ltree(code)) STORED,
    -- The type of a level-4 region comes from the first digit of its last segment, never its name.
    kind        text GENERATED ALWAYS AS (
                    CASE
                        WHEN level = 1 THEN 'provinsi'
                        WHEN level = 2 AND substr(code, 4, 1) >= '7' THEN 'kota'
                        WHEN level = 2 THEN 'kabupaten'
                        WHEN level = 3 THEN 'kecamatan'
                        WHEN substr(code, 10, 1) = '1' THEN 'kelurahan'
                        WHEN substr(code, 10, 1) = '2' THEN 'desa'
                        ELSE 'desa_adat'
                    END) STORED,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- The level is the number of segments, and the parent is the code minus its last segment.
    CHECK (level = array_length(string_to_array(code, '.'), 1)),
    CHECK ((level = 1 AND parent_code IS NULL)
        OR (level > 1 AND parent_code = regexp_replace(code, '\.[0-9]+$', '')))
);

CREATE INDEX region_path_idx ON region USING gist (path);
CREATE INDEX region_parent_idx ON region (parent_code);
