import PostgresLibPQ

/// A table's indexes and key constraints (primary key, unique, foreign keys), read from the
/// catalog as the SQL that recreates them.
///
/// For a bulk load into an empty table, the way pg_restore does it: drop them, fill the table,
/// recreate them. Building an index by sorting is several times cheaper than inserting rows into
/// it one by one, and a foreign key added afterwards is checked by one join rather than by a
/// trigger per row. Read from the catalog, so a migration that adds an index needs no change here.
/// Dropping takes an ACCESS EXCLUSIVE lock, held until the transaction ends.
struct TableKeys {
    let table: String
    private var constraints: [(name: String, definition: String, isForeignKey: Bool)] = []
    private var indexes: [(name: String, definition: String)] = []

    /// Reads the keys of `table` (unqualified, in the search path).
    init(of table: String, on conn: PGConnection) throws {
        self.table = table
        constraints = try conn.query("""
            SELECT conname, pg_get_constraintdef(oid) AS definition, contype = 'f' AS foreign_key
            FROM pg_constraint WHERE conrelid = \(table)::regclass AND contype IN ('p', 'u', 'f')
            ORDER BY contype = 'f', conname
            """).map {
            (try $0.decode(String.self, column: "conname"), try $0.decode(String.self, column: "definition"),
             try $0.decode(Bool.self, column: "foreign_key"))
        }
        indexes = try conn.query("""
            SELECT c.relname, pg_get_indexdef(i.indexrelid) AS definition
            FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE i.indrelid = \(table)::regclass
              AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid)
            ORDER BY c.relname
            """).map { (try $0.decode(String.self, column: "relname"), try $0.decode(String.self, column: "definition")) }
    }

    func drop(on conn: PGConnection) throws {
        for constraint in constraints.reversed() {  // foreign keys first
            try conn.execute("ALTER TABLE \(identifier: table) DROP CONSTRAINT \(identifier: constraint.name)")
        }
        for index in indexes {
            try conn.execute("DROP INDEX \(identifier: index.name)")
        }
    }

    /// Recreates everything dropped: indexes and keys first, foreign keys (each validated by one
    /// query) last. A duplicate key fails with SQLSTATE 23505 as an insert would.
    func recreate(on conn: PGConnection) throws {
        for index in indexes {
            try conn.execute(PGQuery(unsafeSQL: index.definition))
        }
        for constraint in constraints {
            try conn.execute("ALTER TABLE \(identifier: table) ADD CONSTRAINT \(identifier: constraint.name) \(unsafeRaw: constraint.definition)")
        }
    }
}
