import Foundation

/// Connection settings, handed to libpq as keyword/value pairs through `PQconnectdbParams`.
///
/// Build it from a URL or from fields; values are never spliced into a conninfo string, so
/// passwords with quotes or spaces need no escaping.
///
/// ```swift
/// let config = try PGConfiguration(url: "postgresql://app:s3cr%40t@db:5432/rekap?application_name=rekap&connect_timeout=5")
/// ```
///
/// Every session is started with `TimeZone=UTC`, `DateStyle=ISO, MDY`, `bytea_output=hex`,
/// `client_encoding=UTF8`, so that text values decode predictably (see ``PGDecodable``).
public struct PGConfiguration: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    public var host: String
    public var port: Int
    public var database: String?
    public var user: String?
    public var password: String?
    public var applicationName: String?
    /// Seconds to wait for a connection (libpq's `connect_timeout`; minimum 2 in libpq).
    public var connectTimeout: Int?
    /// Further libpq keywords (`sslmode`, `options`, ...), passed as they are.
    public var extraParameters: [String: String]

    public init(
        host: String = "127.0.0.1", port: Int = 5432, database: String? = nil, user: String? = nil,
        password: String? = nil, applicationName: String? = nil, connectTimeout: Int? = 10,
        extraParameters: [String: String] = [:]
    ) {
        self.host = host
        self.port = port
        self.database = database
        self.user = user
        self.password = password
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.extraParameters = extraParameters
    }

    /// Parses `postgresql://user:password@host:port/database?key=value&...` (or `postgres://`).
    ///
    /// User, password and database are percent-decoded. Query items become libpq keywords;
    /// `application_name` and `connect_timeout` fill the matching properties.
    public init(url string: String) throws(PGError) {
        guard let components = URLComponents(string: string),
            let scheme = components.scheme?.lowercased(), scheme == "postgresql" || scheme == "postgres"
        else {
            throw .usage("not a postgresql:// URL")  // the URL may hold a password: not echoed
        }
        self.init()
        if let host = components.host, !host.isEmpty {
            // URLComponents keeps brackets around IPv6 literals; libpq wants them bare.
            self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        }
        if let port = components.port { self.port = port }
        user = components.user?.removingPercentEncoding
        password = components.password?.removingPercentEncoding
        let path = components.percentEncodedPath
        if path.count > 1 { database = String(path.dropFirst()).removingPercentEncoding }
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "application_name": applicationName = value
            case "connect_timeout":
                guard let seconds = Int(value) else { throw .usage("connect_timeout must be an integer") }
                connectTimeout = seconds
            case "host": host = value
            case "port":
                guard let p = Int(value) else { throw .usage("port must be an integer") }
                port = p
            case "dbname": database = value
            case "user": user = value
            case "password": password = value
            default: extraParameters[item.name] = value
            }
        }
    }

    /// The keyword/value pairs given to `PQconnectdbParams`.
    var libpqParameters: [(String, String)] {
        var p: [(String, String)] = [("host", host), ("port", String(port))]
        if let database { p.append(("dbname", database)) }
        if let user { p.append(("user", user)) }
        if let password { p.append(("password", password)) }
        if let applicationName { p.append(("application_name", applicationName)) }
        if let connectTimeout { p.append(("connect_timeout", String(connectTimeout))) }
        p.append(("client_encoding", "UTF8"))
        // Session defaults the decoders rely on; user-given `options` come after and win.
        var options = "-c TimeZone=UTC -c DateStyle=ISO,MDY -c bytea_output=hex -c IntervalStyle=iso_8601"
        if let extra = extraParameters["options"] { options += " " + extra }
        p.append(("options", options))
        for (k, v) in extraParameters.sorted(by: { $0.key < $1.key }) where k != "options" {
            p.append((k, v))
        }
        return p
    }

    /// A URL-like summary with the password masked, safe to log.
    public var description: String {
        var s = "postgresql://"
        if let user { s += user + (password == nil ? "" : ":***") + "@" }
        s += "\(host):\(port)"
        if let database { s += "/\(database)" }
        return s
    }

    public var debugDescription: String { "PGConfiguration(\(description))" }

    /// Keeps the password out of `dump` and debuggers' reflection.
    public var customMirror: Mirror {
        Mirror(self, children: ["summary": description, "applicationName": applicationName as Any], displayStyle: .struct)
    }

    /// The same settings with another database, e.g. a freshly created test database.
    public func withDatabase(_ name: String) -> PGConfiguration {
        var copy = self
        copy.database = name
        return copy
    }
}
