import Foundation
import PostRunCore
import PostRunStore

/// The printable A4 handover record (biên bản giao nhận) in Vietnamese. Every value from the database is escaped.
enum HandoverPage {
    static func title(_ direction: HandoverDirection) -> String {
        switch direction {
        case .submitDossiers: return "BIÊN BẢN GIAO NHẬN HỒ SƠ"
        case .collectResults: return "BIÊN BẢN GIAO NHẬN KẾT QUẢ"
        case .returnResults: return "BIÊN BẢN GIAO NHẬN KẾT QUẢ TRẢ LẠI"
        }
    }

    static func subject(_ direction: HandoverDirection) -> String {
        switch direction {
        case .submitDossiers: return "hồ sơ thủ tục hành chính do bưu điện tiếp nhận qua dịch vụ bưu chính công ích"
        case .collectResults: return "kết quả giải quyết thủ tục hành chính để chuyển phát đến tổ chức, cá nhân"
        case .returnResults: return "kết quả giải quyết thủ tục hành chính không phát được, trả lại cơ quan"
        }
    }

    /// `&`, `<`, `>`, `"` and `'` as entities.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// "1.250.000" (Vietnamese thousands separators, no unit).
    static func amount(_ money: Money) -> String {
        let text = money.description
        return text.hasSuffix(" đ") ? String(text.dropLast(2)) : text
    }

    static func date(_ day: LocalDate) -> String { String(format: "%02d/%02d/%04d", day.day, day.month, day.year) }

    static func render(_ record: HandoverRecord, now: Date) -> String {
        let at = record.confirmedAt ?? now
        let day = VietnamTime.localDate(of: at)
        let seconds = VietnamTime.secondsOfDay(of: at)
        let postOffice = "\(escape(record.officeName)) (\(escape(record.officeCode)))"
        let courier = escape(record.courierName)
        let agency = "\(escape(record.agencyName)) (\(escape(record.agencyCode)))"
        let officer = record.receivingOfficer.map(escape) ?? "…………………………………"
        let postSide = "<p><b>Bên bưu điện:</b> \(postOffice)<br>Nhân viên bưu chính: \(courier)</p>"
        let agencySide = "<p><b>Bên cơ quan:</b> \(agency)<br>Cán bộ tiếp nhận: \(officer)</p>"
        let (giver, receiver) = record.direction == .collectResults ? (agencySide, postSide) : (postSide, agencySide)
        let (giverSign, receiverSign) = record.direction == .collectResults ? (officer, courier) : (courier, officer)
        var rows = ""
        for (index, item) in record.items.enumerated() {
            rows += """
                <tr><td class="c">\(index + 1)</td><td>\(escape(item.dossierCode ?? ""))</td><td>\(escape(item.slipNumber ?? ""))</td>\
                <td class="r">\(amount(item.feeAmount))</td><td class="c">\(item.appointmentDate.map(date) ?? "")</td></tr>

                """
        }
        let status = record.confirmed
            ? "Đã xác nhận lúc \(escape(VietnamTime.iso8601(at))) bởi \(escape(record.confirmedBy ?? ""))"
            : "BẢN NHÁP — chưa xác nhận"
        return """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <title>\(title(record.direction)) \(escape(record.publicID))</title>
            <style>
            @page { size: A4; margin: 20mm 15mm 20mm 20mm; }
            body { font-family: "Times New Roman", serif; font-size: 13pt; line-height: 1.4; margin: 0; }
            .page { width: 175mm; margin: 0 auto; }
            .nation { text-align: center; font-weight: bold; }
            .motto { text-align: center; font-weight: bold; text-decoration: underline; }
            h1 { text-align: center; font-size: 15pt; margin: 16pt 0 4pt; }
            .sub { text-align: center; font-style: italic; margin: 0 0 12pt; }
            table.items { width: 100%; border-collapse: collapse; margin: 8pt 0; }
            table.items th, table.items td { border: 1px solid #000; padding: 3pt 5pt; }
            table.items th { background: #eee; }
            .c { text-align: center; } .r { text-align: right; }
            .signatures { width: 100%; margin-top: 18pt; }
            .signatures td { width: 50%; text-align: center; vertical-align: top; height: 35mm; }
            .status { font-size: 10pt; color: #555; margin-top: 12pt; }
            @media print { .status { color: #000; } }
            </style>
            </head>
            <body>
            <div class="page">
            <div class="nation">CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
            <div class="motto">Độc lập - Tự do - Hạnh phúc</div>
            <h1>\(title(record.direction))</h1>
            <p class="sub">Số: \(escape(record.publicID))</p>
            <p>Hôm nay, hồi \(seconds / 3600) giờ \(String(format: "%02d", seconds % 3600 / 60)) phút, ngày \(String(format: "%02d", day.day)) \
            tháng \(String(format: "%02d", day.month)) năm \(day.year), tại \(agency), chúng tôi gồm:</p>
            <h2 style="font-size:13pt">BÊN GIAO</h2>
            \(giver)
            <h2 style="font-size:13pt">BÊN NHẬN</h2>
            \(receiver)
            <p>Hai bên cùng kiểm tra và giao nhận \(subject(record.direction)), cụ thể như sau:</p>
            <table class="items">
            <thead><tr><th>STT</th><th>Mã hồ sơ</th><th>Số phiếu gửi</th><th>Lệ phí (đồng)</th><th>Ngày hẹn trả</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            <tfoot><tr><th colspan="3" class="r">Tổng cộng: \(record.items.count) hồ sơ</th><th class="r">\(amount(record.feesPaidOver))</th><th></th></tr></tfoot>
            </table>
            <p>Tổng số hồ sơ: <b>\(record.items.count)</b>. Tổng số tiền phí, lệ phí nộp: <b>\(amount(record.feesPaidOver)) đồng</b>.</p>
            <p>Biên bản được lập thành 02 bản, mỗi bên giữ 01 bản, có giá trị như nhau.</p>
            <table class="signatures"><tr>
            <td><b>ĐẠI DIỆN BÊN GIAO</b><br><i>(Ký, ghi rõ họ tên)</i><br><br><br><br>\(giverSign)</td>
            <td><b>ĐẠI DIỆN BÊN NHẬN</b><br><i>(Ký, ghi rõ họ tên)</i><br><br><br><br>\(receiverSign)</td>
            </tr></table>
            <p class="status">\(status)</p>
            </div>
            </body>
            </html>

            """
    }
}
