// Exact decimals are part of the domain's vocabulary (amounts, capaian, percentages), so whoever
// imports RekapDomain gets `DecimalText` too. The parser itself lives in ExactDecimal, which the
// database wrapper shares without depending on the domain.
@_exported import ExactDecimal
