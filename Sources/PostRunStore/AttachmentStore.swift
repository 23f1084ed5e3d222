import Crypto
import Foundation
import Logging
import NIOCore
import PostgresNIO
import PostRunCore

/// Image formats accepted for signatures and photos, recognised by their first bytes (never by the declared type alone).
public enum AttachmentFormat: String, Sendable, CaseIterable {
    case png = "image/png"
    case jpeg = "image/jpeg"
    case webp = "image/webp"

    /// The format the bytes are in, if one of ours.
    public static func sniff(_ bytes: some Collection<UInt8>) -> AttachmentFormat? {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.count == 12, head[0..<4].elementsEqual(Array("RIFF".utf8)), head[8..<12].elementsEqual(Array("WEBP".utf8)) { return .webp }
        return nil
    }
}

public enum AttachmentKind: String, Sendable, CaseIterable { case signature, photo }

public struct AttachmentRecord: Sendable, Equatable {
    public var publicID: String
    public var jobPublicID: String
    public var kind: AttachmentKind
    public var format: AttachmentFormat
    public var sizeBytes: Int
    public var sha256: String
}

public enum AttachmentFailure: Error, Sendable, Equatable {
    /// The stop is not on the courier's published runs, or is at an agency.
    case stopNotFound
    case notFound
    /// The bytes are not the declared image type (or not an image we take).
    case contentMismatch(declared: AttachmentFormat)
    case empty
}

/// Signatures and photos taken at the door: bytes in PostgreSQL, or (when a folder is configured) a file there named
/// by the SHA-256 of its content, so the same image stored twice is one file.
public struct AttachmentStore: Sendable {
    let database: Database
    /// `POSTRUN_ATTACHMENTS_DIR`; nil keeps the bytes in the `attachments` table.
    let directory: String?

    public init(database: Database, directory: String?) {
        self.database = database
        self.directory = directory
    }

    /// The size limit in force (`attachments.max_bytes`).
    public func maxBytes(logger: Logger) async throws -> Int {
        try await database.withConnection { try await FieldSettings.load(on: $0, logger: logger).attachmentMaxBytes }
    }

    /// Stores an image for the job of `stopPublicID`, a stop at the applicant on one of the courier's published runs.
    public func store(_ bytes: ByteBuffer, declared: AttachmentFormat, kind: AttachmentKind, stopPublicID: String, courierID: Int64,
                      logger: Logger) async throws -> AttachmentRecord {
        guard bytes.readableBytes > 0 else { throw AttachmentFailure.empty }
        guard AttachmentFormat.sniff(bytes.readableBytesView) == declared else { throw AttachmentFailure.contentMismatch(declared: declared) }
        let digest = SHA256.hash(data: Data(bytes.readableBytesView))
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        let digestBytes = ByteBuffer(bytes: Array(digest))
        var filePath: String?
        if let directory {
            try Self.writeOnce(bytes, named: hex, in: directory)
            filePath = hex
        }
        let publicID = PublicIDs.make("att")
        let rows = try await database.query("""
            INSERT INTO attachments (public_id, job_id, courier_id, kind, content_type, size_bytes, sha256, data, file_path)
            SELECT \(publicID), s.job_id, \(courierID), \(kind.rawValue), \(declared.rawValue), \(bytes.readableBytes), \(digestBytes),
                   \(filePath == nil ? bytes : nil), \(filePath)
            FROM run_stops s JOIN runs r ON r.id = s.run_id
            WHERE s.public_id = \(stopPublicID) AND r.courier_id = \(courierID) AND r.status = 'published'
              AND s.action IN ('pickup_dossier', 'deliver_result')
            RETURNING (SELECT public_id FROM jobs WHERE id = job_id)
            """, logger: logger)
        for try await jobID in rows.decode(String.self) {
            return AttachmentRecord(publicID: publicID, jobPublicID: jobID, kind: kind, format: declared, sizeBytes: bytes.readableBytes, sha256: hex)
        }
        throw AttachmentFailure.stopNotFound
    }

    /// Writes the file through a temporary name and a rename, so a reader never sees half an image; an existing file
    /// of that name already holds these bytes.
    static func writeOnce(_ bytes: ByteBuffer, named name: String, in directory: String) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let target = URL(fileURLWithPath: directory).appendingPathComponent(name)
        guard !manager.fileExists(atPath: target.path) else { return }
        let temporary = URL(fileURLWithPath: directory).appendingPathComponent(".\(name).\(UUID().uuidString)")
        try Data(bytes.readableBytesView).write(to: temporary)
        if rename(temporary.path, target.path) != 0 {
            try? manager.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// The attachment of `jobPublicID` with its bytes, and the job's office and uploading courier (for the caller's
    /// access check).
    public func load(jobPublicID: String, attachmentPublicID: String,
                     logger: Logger) async throws -> (format: AttachmentFormat, sha256: String, bytes: ByteBuffer, officeID: Int64, courierID: Int64?) {
        let rows = try await database.query("""
            SELECT a.content_type, encode(a.sha256, 'hex'), a.data, a.file_path, j.office_id, a.courier_id
            FROM attachments a JOIN jobs j ON j.id = a.job_id
            WHERE a.public_id = \(attachmentPublicID) AND j.public_id = \(jobPublicID)
            """, logger: logger)
        for try await (type, hex, data, path, officeID, courierID) in rows.decode((String, String, ByteBuffer?, String?, Int64, Int64?).self) {
            guard let format = AttachmentFormat(rawValue: type) else { break }
            if let data { return (format, hex, data, officeID, courierID) }
            guard let directory, let path else { throw AttachmentFailure.notFound }
            let contents = try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(path))
            return (format, hex, ByteBuffer(bytes: contents), officeID, courierID)
        }
        throw AttachmentFailure.notFound
    }
}
