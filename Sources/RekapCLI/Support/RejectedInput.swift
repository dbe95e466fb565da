import RekapStore

/// An error that means "the input breaks the contract": reported as it describes itself, exit 65.
///
/// Errors from the store and domain layers opt in here, so the CLI maps them without those layers
/// knowing about exit statuses.
protocol RejectedInput: Error, CustomStringConvertible {}

extension RejectedFile: RejectedInput {}
extension PBBFeedRejection: RejectedInput {}
