import NIOPosix

/// Long computations (route solving, password hashing) run on NIO's blocking thread pool: `postrun serve` makes the
/// event loops Swift's global executor, so work that holds a thread for milliseconds or more must not run there.
public enum CPUBoundWork {
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
