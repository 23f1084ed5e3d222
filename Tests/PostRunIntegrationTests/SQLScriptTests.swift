import PostRunStore
import Testing

@Suite struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesCommentsAndDollarBodies() throws {
        let sql = """
            -- a comment; with a semicolon
            CREATE TABLE a (t text DEFAULT 'x;y', "we;ird" int);
            /* block; /* nested; */ still comment; */
            INSERT INTO a VALUES ('it''s; fine', 1);
            CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;
            CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'a;$$;b' $body$ LANGUAGE sql;
            SELECT E'back\\'slash;', $1;
            ;;
            -- trailing comment only
            """
        let statements = SQLScript.statements(in: sql)
        try #require(statements.count == 5, "\(statements)")
        #expect(statements[0].hasSuffix(#"CREATE TABLE a (t text DEFAULT 'x;y', "we;ird" int)"#))
        #expect(statements[1].hasSuffix("INSERT INTO a VALUES ('it''s; fine', 1)"))
        #expect(statements[2] == "CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql")
        #expect(statements[3] == "CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'a;$$;b' $body$ LANGUAGE sql")
        #expect(statements[4] == #"SELECT E'back\'slash;', $1"#)
    }

    @Test func commentOnlyAndEmptyInputsGiveNoStatements() {
        #expect(SQLScript.statements(in: "").isEmpty)
        #expect(SQLScript.statements(in: "  -- nothing\n/* here */\n;").isEmpty)
        #expect(SQLScript.statements(in: "SELECT 1") == ["SELECT 1"])
    }
}

@Suite struct DatabaseURLTests {
    @Test func parsesGoodURLs() throws {
        let plain = try DatabaseEndpoint(url: "postgres://post:s%40cret@db.example:6543/postrun?sslmode=require")
        #expect(plain.address == .tcp(host: "db.example", port: 6543))
        #expect(plain.username == "post")
        #expect(plain.password == "s@cret")
        #expect(plain.database == "postrun")
        #expect(plain.tls == .require)

        let defaults = try DatabaseEndpoint(url: "postgresql://u@localhost/db")
        #expect(defaults.address == .tcp(host: "localhost", port: 5432))
        #expect(defaults.password == nil)
        #expect(defaults.tls == .disable)

        #expect(try DatabaseEndpoint(url: "postgres://u:p@h/db?sslmode=verify-full").tls == .verifyFull)
        #expect(try DatabaseEndpoint(url: "postgres://u:p@h/db?sslmode=prefer").tls == .disable)
        let socket = try DatabaseEndpoint(url: "postgres://u@:5433/db?host=/tmp/pg")
        #expect(socket.address == .socket(directory: "/tmp/pg", port: 5433))
        #expect(plain.url() == "postgres://post:****@db.example:6543/postrun?sslmode=require")
    }

    @Test(arguments: [
        ("mysql://u:p@h/db", "scheme"),
        ("postgres://h/db", "user"),
        ("postgres://u:p@h", "database"),
        ("postgres://u:p@h:99999/db", "port"),
        ("postgres://u:p@h:abc/db", "URL"),
        ("postgres://u:p@h/db?sslmode=verify-ca", "sslmode"),
        ("not a url at all", "URL"),
        ("postgres://u:p@/db", "host"),
    ])
    func rejectsBadURLs(url: String, mentioning word: String) {
        do {
            _ = try DatabaseEndpoint(url: url)
            Issue.record("\(url) should be refused")
        } catch {
            #expect(error.description.contains(word), "\(error.description)")
        }
    }
}
