// The request as stored in `jobs.request` and shown inside a job: the same bytes as its `Encodable` conformance
// (absent optionals left out, keys sorted), written without `JSONEncoder` because it is on every job's path.

extension JobRequest {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("address"); address.write(to: &json)
            json.key("agency"); agency.write(to: &json)
            json.key("applicant"); applicant.write(to: &json)
            json.key("dossier"); dossier.write(to: &json)
            if let feeToCollect { json.key("fee_to_collect"); feeToCollect.write(to: &json) }
            json.key("kind"); json.string(kind)
            if let notes { json.key("notes"); json.string(notes) }
            json.key("requested"); requested.write(to: &json)
            if let weightGrams { json.key("weight_grams"); json.int(weightGrams) }
        }
    }

    public var jsonBytes: [UInt8] {
        var json = JSONWriter(capacity: 768)
        write(to: &json)
        return json.bytes
    }
}

extension JobRequest.Dossier {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            if let appointmentDate { json.key("appointment_date"); json.string(appointmentDate) }
            json.key("channel"); json.string(channel)
            if let code { json.key("code"); json.string(code) }
            json.key("field"); json.string(field)
            if let onlineLevel { json.key("online_level"); json.int(onlineLevel) }
            json.key("procedure_code"); json.string(procedureCode)
            json.key("procedure_name"); json.string(procedureName)
        }
    }
}

extension JobRequest.Agency {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("address"); json.string(address)
            json.key("code"); json.string(code)
            json.key("commune_code"); json.string(communeCode)
            json.key("name"); json.string(name)
        }
    }
}

extension JobRequest.Applicant {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            if let category { json.key("category"); json.string(category) }
            if let email { json.key("email"); json.string(email) }
            if let idLastDigits { json.key("id_last_digits"); json.string(idLastDigits) }
            if let language { json.key("language"); json.string(language) }
            json.key("name"); json.string(name)
            json.key("phone"); json.string(phone)
        }
    }
}

extension JobRequest.Address {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("commune_code"); json.string(communeCode)
            if let lat { json.key("lat"); json.double(lat) }
            json.key("line"); json.string(line)
            if let lon { json.key("lon"); json.double(lon) }
        }
    }
}

extension JobRequest.Requested {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("date"); json.string(date)
            json.key("slot"); json.string(slot)
        }
    }
}

extension JobRequest.Fee {
    public func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("amount"); json.int(amount.dong)
            json.key("name"); json.string(name)
        }
    }
}
