// swift-tools-version:6.0
import PackageDescription

// Swift 6 language mode (tools 6.0) with strict concurrency; these upcoming features keep
// existential types and imports explicit, as Hummingbird does.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "rekap",
    // macOS 15: Swift's Synchronization.Mutex, the one lock type every module uses.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rekap", targets: ["RekapCLI"]),
        .executable(name: "rekapd", targets: ["RekapDaemon"]),
        .library(name: "PostgresLibPQ", targets: ["PostgresLibPQ"]),
        .library(name: "RekapDomain", targets: ["RekapDomain"]),
        .library(name: "RekapStore", targets: ["RekapStore"]),
        .library(name: "RekapReport", targets: ["RekapReport"]),
        .library(name: "RekapWorkbook", targets: ["RekapWorkbook"]),
        .library(name: "XLSX", targets: ["XLSX"]),
        .library(name: "RekapServer", targets: ["RekapServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // bcrypt for person accounts' passwords (HummingbirdBcrypt).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Hummingbird's own; named for the modules RekapServer imports (NIOCore, HTTPTypes).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // SHA-256 (tokens, PBB-P2 feed digests); 4.x is what Hummingbird's own dependencies resolve to.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        // NIOHTTPTypes: the request parts the connection handlers of RekapServer see (Hummingbird's own).
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // `swift package generate-documentation` (.ci/run builds PostgresLibPQ's DocC catalog with it).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // The zip container of .xlsx workbooks (reading with bounded inflation, writing).
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libpq, found through pkg-config (Debian: apt-get install libpq-dev).
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        // Strict, exact decimal text <-> Decimal: the one parser every module shares.
        .target(
            name: "ExactDecimal",
            swiftSettings: swiftSettings
        ),
        // The only way rekap talks to PostgreSQL.
        .target(
            name: "PostgresLibPQ",
            dependencies: [
                "CLibPQ",
                "ExactDecimal",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // A private, throwaway PostgreSQL cluster for tests and `rekap demo`.
        .target(
            name: "EmbeddedPostgres",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Pure domain rules: no database in here.
        .target(
            name: "RekapDomain",
            dependencies: ["ExactDecimal"],
            swiftSettings: swiftSettings
        ),
        // Every output format in one place, pure: the city report, leaderboards and submissions as
        // Markdown, HTML, CSV (one writer), JSON and terminal tables.
        .target(
            name: "RekapReport",
            dependencies: ["RekapDomain", "XLSX"],
            swiftSettings: swiftSettings
        ),
        // Office Open XML spreadsheets (.xlsx), generic: cells in and out, no rekap semantics.
        .target(
            name: "XLSX",
            dependencies: ["ExactDecimal", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        // rekap's workbooks: the layout (WorkbookLayout), templates written from what is known, and
        // workbooks read back into contract §1 documents. Pure: no database.
        .target(
            name: "RekapWorkbook",
            dependencies: ["XLSX", "RekapDomain", "ExactDecimal"],
            swiftSettings: swiftSettings
        ),
        // Schema migrations and everything rekap stores or reads, through PostgresLibPQ.
        .target(
            name: "RekapStore",
            dependencies: [
                "PostgresLibPQ",
                "RekapDomain",
                "RekapReport",
                // TemplateFacts gathers a template's inputs as RekapWorkbook's pure values.
                "RekapWorkbook",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Migrations")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "RekapCLI",
            dependencies: [
                "RekapStore",
                "RekapDomain",
                "RekapReport",
                "RekapWorkbook",
                "XLSX",
                "EmbeddedPostgres",
                "PostgresLibPQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("DemoData")],
            swiftSettings: swiftSettings
        ),
        // The HTTP API `rekapd --listen` serves (Hummingbird 2): routes, authentication, access log, metrics.
        .target(
            name: "RekapServer",
            dependencies: [
                "RekapStore",
                "RekapDomain",
                "RekapReport",
                "RekapWorkbook",
                "XLSX",
                "PostgresLibPQ",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // NIOThreadPool: bcrypt runs there, off the request's executor.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // `rekapd`: the daemon that keeps city aggregates fresh and serves the HTTP API (swift-service-lifecycle layout, as Hummingbird 2).
        .executableTarget(
            name: "RekapDaemon",
            dependencies: [
                "RekapStore",
                "RekapDomain",
                "RekapServer",
                "PostgresLibPQ",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets: a fresh database per suite on the shared test server (migrated,
        // with regions and tokens when asked), the demo's reports, rekapd and rekap as child processes.
        .target(
            name: "RekapTestSupport",
            dependencies: ["PostgresLibPQ", "EmbeddedPostgres", "RekapStore", "RekapDomain",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/RekapTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PostgresLibPQTests",
            dependencies: ["PostgresLibPQ", "EmbeddedPostgres", "RekapTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ExactDecimalTests",
            dependencies: ["ExactDecimal"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "XLSXTests",
            dependencies: ["XLSX", "RekapTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RekapWorkbookTests",
            dependencies: ["RekapWorkbook", "XLSX", "RekapDomain", "RekapTestSupport", "ExactDecimal",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            // fill_workbook.py writes workbooks with openpyxl at test time (read in place).
            exclude: ["Scripts"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EmbeddedPostgresTests",
            dependencies: ["EmbeddedPostgres"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RekapDomainTests",
            dependencies: ["RekapDomain", "RekapTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RekapReportTests",
            dependencies: ["RekapReport", "RekapDomain"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RekapStoreTests",
            dependencies: [
                "RekapStore", "RekapDomain", "RekapReport", "PostgresLibPQ", "EmbeddedPostgres", "RekapTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Read in place through RepositoryFiles (regions.csv is 3 MB; no copy in the bundle).
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        // Runs the built `rekap` binary as users do (and `rekapd --help`, against docs/cli.md).
        .testTarget(
            name: "RekapCLITests",
            dependencies: ["RekapCLI", "RekapDaemon", "PostgresLibPQ", "RekapTestSupport", "RekapStore", "RekapDomain"],
            swiftSettings: swiftSettings
        ),
        // Bappeda's dashboard against a real `rekapd`: its routes over HTTP, and the page in a real
        // headless Chromium (skipped with a message when Chromium is absent).
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "RekapServer", "RekapStore", "RekapReport", "RekapDomain", "PostgresLibPQ", "RekapTestSupport", "RekapDaemon",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The consolidation queue, a real `rekapd` and `rekap consolidate`, against a real PostgreSQL.
        // Depending on the executables makes `swift build --build-tests` build them next to the tests.
        .testTarget(
            name: "ConsolidationTests",
            dependencies: [
                "RekapStore", "RekapDomain", "PostgresLibPQ", "EmbeddedPostgres", "RekapTestSupport", "RekapDaemon", "RekapCLI",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API: a real `rekapd --listen` (and `rekap` for comparisons) on a real PostgreSQL,
        // checked against openapi/rekap.json; and the same application in-process (HummingbirdTesting).
        .testTarget(
            name: "APITests",
            dependencies: [
                "RekapServer", "RekapStore", "RekapDomain", "PostgresLibPQ", "EmbeddedPostgres", "RekapTestSupport",
                "RekapDaemon", "RekapCLI", "RekapReport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                // In-process router tests (authentication, errors, the answer cache): no rekapd, no socket.
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
