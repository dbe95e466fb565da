import RekapDomain

/// The opening of every rekap HTML page, through `</head>`: the report, the dashboard and its login
/// page share the doctype, the phone viewport and one inline style sheet (pages load nothing from
/// elsewhere, so they work offline and when saved).
enum HTMLDocument {
    /// `title` is escaped here; `extraHead` is trusted markup placed before the style sheet.
    static func head(title: String, css: String, language: Language = .default, extraHead: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTMLEscape.text(title))</title>
        \(extraHead)<style>
        \(css)
        </style>
        </head>

        """
    }
}
