// swift-tools-version:6.0
import Foundation
import PackageDescription

// A separate package so benchmark code never ships in the main build. The root package is
// a path dependency; its identity is its folder's name, which differs between checkouts
// (worktrees, CI clones), so compute it instead of hard-coding it.
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "RekapBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "CopyBenchmark",
            dependencies: [.product(name: "PostgresLibPQ", package: rootIdentity)],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "SubmissionBenchmark",
            dependencies: [
                .product(name: "PostgresLibPQ", package: rootIdentity),
                .product(name: "RekapDomain", package: rootIdentity),
                .product(name: "RekapStore", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "PlanBenchmark",
            dependencies: [
                .product(name: "PostgresLibPQ", package: rootIdentity),
                .product(name: "RekapDomain", package: rootIdentity),
                .product(name: "RekapStore", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "ReportBenchmark",
            dependencies: [
                .product(name: "RekapDomain", package: rootIdentity),
                .product(name: "RekapReport", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "WorkbookBenchmark",
            dependencies: [
                .product(name: "RekapDomain", package: rootIdentity),
                .product(name: "RekapReport", package: rootIdentity),
                .product(name: "RekapWorkbook", package: rootIdentity),
                .product(name: "XLSX", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "RecomputeBenchmark",
            dependencies: [
                .product(name: "PostgresLibPQ", package: rootIdentity),
                .product(name: "RekapStore", package: rootIdentity),
                .product(name: "RekapDomain", package: rootIdentity),
                .product(name: "RekapReport", package: rootIdentity),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        ),
    ]
)
