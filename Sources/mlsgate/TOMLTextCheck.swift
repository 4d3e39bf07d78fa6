/// What the TOML parser must not be given: text it cannot take, or takes only by breaking on an internal
/// assertion (its checks compiled in) or undefined behaviour (compiled out), refused before it parses.
///
/// - A control character other than tab, line feed and carriage return, which TOML allows nowhere; the parser is
///   handed a C string, so a NUL would also cut the document short.
/// - A table header whose first key does not start with a bare key character or a quote: the parser assumes one.
///   Headers are the `[` that opens a line outside any string and any array or inline table of a value.
/// - A `}` where an array expects its next value, after its `[` or a `,` (blanks, line breaks and comments
///   between): the parser assumes a value starts there, and `}` cannot start one.
///
/// Valid TOML has neither, so nothing valid is refused; the parser reports every other error itself.
enum TOMLTextCheck {
    /// A problem found: where, from 1, and what.
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    /// The first problem of `text`, or nil.
    static func firstProblem(in text: String) -> Problem? {
        var scanner = Scanner(scalars: Array(text.unicodeScalars))
        return scanner.run()
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        var line = 1
        var column = 1
        /// The open arrays (`[`) and inline tables (`{`) of values, innermost last.
        var containers: [Unicode.Scalar] = []
        /// The innermost array was just opened or given a `,`: its next value starts at the next character that
        /// is not a blank, a line break or a comment.
        var expectingArrayValue = false
        /// Only spaces and tabs since the last line feed.
        var atLineStart = true
        /// Inside a table header, whose brackets are not a value's.
        var inHeader = false

        init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
                atLineStart = true
                inHeader = false
            } else {
                column += 1
            }
            index += 1
        }

        func problem(_ reason: String) -> Problem { Problem(line: line, column: column, reason: reason) }

        static let controlCharacter = "control character: TOML allows only tab, line feed and carriage return"

        static func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
        }

        static func startsKey(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar else { return true }  // the end of the text: the parser reports it
            return ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || scalar == "_" || scalar == "-" || scalar == "\"" || scalar == "'" || scalar == "]"
        }

        mutating func run() -> Problem? {
            while let scalar = peek() {
                if Self.isControl(scalar) { return problem(Self.controlCharacter) }
                let lineStart = atLineStart
                if scalar != " " && scalar != "\t" && scalar != "\n" { atLineStart = false }
                let expectedValue = expectingArrayValue
                if scalar != " " && scalar != "\t" && scalar != "\n" && scalar != "\r" && scalar != "#" {
                    expectingArrayValue = false
                }
                switch scalar {
                case "#":
                    while let next = peek(), next != "\n" {
                        if Self.isControl(next) { return problem("control character in a comment") }
                        advance()
                    }
                    continue
                case "\"", "'":
                    if let found = skipString(quote: scalar) { return found }
                    atLineStart = false
                    continue
                case "[" where lineStart && containers.isEmpty:
                    if let found = checkHeader() { return found }
                    continue
                case "}" where expectedValue:
                    return problem("an array holds values: a `}` cannot start one")
                case "[", "{":
                    if !inHeader {
                        containers.append(scalar)
                        expectingArrayValue = scalar == "["
                    }
                case "]", "}":
                    if !inHeader { _ = containers.popLast() }
                case "," where containers.last == "[":
                    expectingArrayValue = true
                default:
                    break
                }
                advance()
            }
            return nil
        }

        /// At the `[` opening a line: its first key must start with a key character or a quote.
        mutating func checkHeader() -> Problem? {
            inHeader = true
            advance()
            skipBlanks()
            if peek() == "[" {
                advance()
                skipBlanks()
            }
            guard Self.startsKey(peek()) else {
                return peek().map { Self.isControl($0) } == true
                    ? problem(Self.controlCharacter)
                    : problem("a table header starts with a key, a bare word or a quoted string")
            }
            return nil
        }

        mutating func skipBlanks() {
            while let next = peek(), next == " " || next == "\t" { advance() }
        }

        /// Skips a string (basic or literal, on one line or several), checking it for control characters.
        mutating func skipString(quote: Unicode.Scalar) -> Problem? {
            let multiLine = peek(1) == quote && peek(2) == quote
            let escapes = quote == "\""
            for _ in 0..<(multiLine ? 3 : 1) { advance() }
            while let next = peek() {
                if Self.isControl(next) { return problem("control character in a string") }
                if multiLine {
                    if next == quote, peek(1) == quote, peek(2) == quote {
                        // Up to two more quotes may close it: `""""` ends with a quote in the string.
                        var count = 0
                        while peek() == quote, count < 5 {
                            advance()
                            count += 1
                        }
                        return nil
                    }
                } else if next == quote {
                    advance()
                    return nil
                } else if next == "\n" {
                    return nil  // unterminated: the parser reports it
                }
                if escapes, next == "\\", peek(1) != nil {
                    advance()
                    if let escaped = peek(), Self.isControl(escaped) { return problem("control character in a string") }
                }
                advance()
            }
            return nil
        }
    }
}
