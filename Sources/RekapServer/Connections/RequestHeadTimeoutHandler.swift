import NIOCore
import NIOHTTPTypes

/// Closes a new connection that has not sent a whole request head within ``timeout`` (the
/// "slowloris" of half a header held open). Sits after the HTTP decoder, which passes a request's
/// head on only once it is complete.
///
/// For the connection's first request only: between requests on a kept-alive connection
/// Hummingbird's idle timeout (``ServerSettings/idleTimeout``) applies, so a proxy's pooled
/// connections are not cut at the shorter head timeout.
final class RequestHeadTimeoutHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let timeout: TimeAmount
    private var timer: Scheduled<Void>?
    private var headReceived = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { schedule(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        schedule(context)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !headReceived, case .head = unwrapInboundIn(data) {
            headReceived = true
            timer?.cancel()
            timer = nil
        }
        context.fireChannelRead(data)
    }

    private func schedule(_ context: ChannelHandlerContext) {
        guard timer == nil, !headReceived else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
            context.close(promise: nil)
        }
    }
}

@available(*, unavailable)
extension RequestHeadTimeoutHandler: Sendable {}
