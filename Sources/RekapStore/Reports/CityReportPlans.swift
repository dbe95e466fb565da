import Foundation
import PostgresLibPQ
import RekapDomain
import RekapReport

extension CityReportQueries {
    /// Adds what the stored plan documents say to a loaded report: the PK target beside each reported
    /// target, the stored Renstra's end target, last year's figures as the report restates them where
    /// last year was never stored, quarterly capaian against the PK, and the open findings across
    /// documents. Read inside the report's transaction, so it matches the rest of the report.
    func addPlans(to report: inout CityReport) throws {
        let plans = try PlanStore.cityPlans(city: city, year: year, on: connection)
        CityReportPlans.apply(plans, names: try regionNames(), to: &report)
    }

    /// The open findings across documents of the city's year, without decoding the documents (the dashboard's
    /// every refresh reads them).
    func crossFindings() throws -> [CrossDocumentFinding] {
        let stored = try CrossFindingRows.select(where: "f.city_code = \(city.text) AND f.year = \(year)", on: connection)
        let names = try regionNames()
        return stored.map { CityReportPlans.finding($0, names: names) }
    }

    /// The names of the city's regions, by code.
    func regionNames() throws -> [RegionCode: String] {
        var names: [RegionCode: String] = [:]
        for row in try connection.query("SELECT code, name FROM region WHERE code LIKE \(city.text + ".%")") {
            names[try regionCode(row, "code")] = try row.decode(String.self, column: "name")
        }
        return names
    }
}

/// Joins a city's stored plan documents to its report. Pure: the figures come from `PlanCapaian` and the
/// matching rules of `CrossDocumentRules` and `PlanMatching`, the same the findings are computed with.
enum CityReportPlans {
    static func apply(_ plans: CityPlans, names: [RegionCode: String], to report: inout CityReport) {
        for index in report.iku.indices {
            let row = report.iku[index]
            guard let documents = plans.regions[row.kecamatan.code] else { continue }
            let fy = documents.documents(for: .fy)
            if let figure = PlanCapaian.figures(fy).first(where: { $0.code == row.code }) {
                report.iku[index].pkTarget = PlanTarget(value: figure.target, document: figure.place.document.description)
            }
            if row.previous == nil,
               let previous = fy.report?.document.indicators.first(where: { $0.code == row.code })?.previous,
               let target = previous.target, let realisasi = previous.realisasi {
                report.iku[index].previous = IKURow.Previous(target: target, realisasi: realisasi, polarity: row.polarity, source: .reported)
            }
            if let renstra = documents.renstra,
               let planned = renstra.document.indicators.first(where: {
                   PlanMatching.matches(code: row.code, name: row.name, otherCode: $0.code, otherName: $0.name)
               }),
               let end = renstra.document.endTarget(of: planned) {
                report.iku[index].renstraEnd = PlanTarget(value: end, document: renstra.reference.description)
            }
        }
        report.quarterPlanCapaian = quarterFigures(plans, names: names)
        report.crossFindings = plans.findings.map { finding($0, names: names) }
    }

    /// A stored finding as the report and the dashboard show it, under the region whose documents disagree.
    static func finding(_ stored: StoredCrossFinding, names: [RegionCode: String]) -> CrossDocumentFinding {
        let finding = stored.finding
        let region = finding.subject.document.region
        return CrossDocumentFinding(region: ReportRegion(code: region, name: names[region] ?? region.text),
                                    severity: finding.severity, rule: finding.rule,
                                    subject: side(finding.subject, stored.subject), against: side(finding.against, stored.against),
                                    text: finding.text)
    }

    /// Every quarterly submission's indicators that a PK gives a quarterly target for, by region and period.
    static func quarterFigures(_ plans: CityPlans, names: [RegionCode: String]) -> [QuarterPlanCapaian] {
        var rows: [QuarterPlanCapaian] = []
        for (code, documents) in plans.regions.sorted(by: { $0.key.text < $1.key.text }) {
            for period in Period.allCases where period != .fy {
                guard let quarter = documents.reports[period] else { continue }
                for figure in PlanCapaian.figures(documents.documents(for: period)) {
                    guard let indicator = quarter.document.indicators.first(where: { $0.code == figure.code }) else { continue }
                    rows.append(QuarterPlanCapaian(region: ReportRegion(code: code, name: names[code] ?? code.text), period: period,
                                                   code: indicator.code, name: indicator.name, polarity: indicator.polarity,
                                                   target: indicator.target, realisasi: indicator.realisasi,
                                                   pkTarget: PlanTarget(value: figure.target, document: figure.place.document.description)))
                }
            }
        }
        return rows
    }

    static func side(_ place: DocumentPlace, _ name: StoredDocumentName) -> CrossDocumentFinding.Side {
        CrossDocumentFinding.Side(document: place.document.description, id: name.id, revision: name.revision,
                                  pointer: place.pointer.description)
    }
}
