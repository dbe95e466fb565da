// PostgresLibPQ: rekap's only way to talk to PostgreSQL, a thin layer over libpq.
//
// Shape (one file per noun, as in GRDB):
// - PGConfiguration: URL or fields -> PQconnectdbParams keywords; sessions in UTC.
// - PGConnection: one blocking, non-Sendable connection; query/execute/prepare,
//   transactions (PGTransaction.swift), COPY (PGCopy.swift), notices to swift-log;
//   cachedQuery (PGStatementCache.swift): hot statements prepared once per connection, as GRDB's
//   cachedStatement (planning a small query can cost more than running it).
// - PGQuery: SQL built by string interpolation; values always become $n parameters.
// - PGResult / PGRow: text-format rows; typed decoding by index or name, errors not crashes.
// - PGEncodable / PGDecodable (PGValue.swift, PGDate.swift): Swift <-> PostgreSQL text.
// - Decimals: parsed and printed by ExactDecimal's DecimalText, the one strict parser every module shares.
// - PGError / SQLState: the one error type; SQLSTATE constants usable as catch patterns.
// - PGThreadExecutor / PGSerializedConnection: a connection confined to one dedicated
//   thread behind an actor, so blocking libpq calls stay off Swift's cooperative pool.
// - PGClient: the bounded pool (a ServiceLifecycle.Service) that async code uses.
// - PGNotifications: LISTEN on a dedicated thread, sleeping in poll(2), as an AsyncSequence.
//
// Not done on purpose: binary result format (text keeps numeric exact and is enough),
// non-blocking libpq (PostgresNIO's job), SSL configuration beyond libpq keywords.
