/// Writes ``XMLElement`` values as namespace-well-formed XML text.
///
/// Namespace declarations appear only where needed: an element whose namespace equals the default namespace in
/// scope gets none; one whose namespace has a prefix in scope uses that prefix; any other declares a new default
/// namespace (`xmlns='…'`, or `xmlns=''` for no namespace). Namespaced attributes use the predefined `xml` prefix,
/// a prefix in scope, or a generated `nsN` prefix declared on that element.
///
/// Text escapes `&`, `<`, `>` and carriage return; attribute values are written in double quotes and escape `&`, `<`,
/// `>`, `"`, tab, newline and carriage return, so parsing the output gives back the same value (attribute-value and
/// line-end normalization cannot alter it). Characters that XML 1.0 cannot carry (controls other than tab, newline
/// and carriage return; U+FFFE; U+FFFF) are written as U+FFFD. Names are written as given and are not validated.
public struct XMLSerializer: Sendable {
    /// The namespace URI of `xml:` attributes such as `xml:lang`; always bound, never declared.
    public static let xmlNamespace = "http://www.w3.org/XML/1998/namespace"

    /// The default namespace in scope where the output is placed, such as a stream's content namespace.
    public var defaultNamespace: String?
    /// Prefixes already declared where the output is placed, keyed by namespace URI (for example the stream's
    /// `stream` prefix), so `<stream:error>` can be written inside a stream.
    public var prefixes: [String: String]

    /// Makes a serializer for output placed in the given namespace context.
    /// - Parameters:
    ///   - defaultNamespace: The default namespace in scope; `nil` for a standalone document.
    ///   - prefixes: Prefixes in scope, keyed by namespace URI.
    public init(defaultNamespace: String? = nil, prefixes: [String: String] = [:]) {
        self.defaultNamespace = defaultNamespace?.isEmpty == true ? nil : defaultNamespace
        self.prefixes = prefixes
    }

    /// Serializes an element and its descendants.
    /// - Parameter element: The element to write.
    /// - Returns: The XML text.
    public func serialize(_ element: XMLElement) -> String {
        var output = ""
        let scope = Scope(defaultNamespace: defaultNamespace, prefixes: prefixes)
        write(element, in: scope, to: &output)
        return output
    }

    /// Escapes character data for use as element content.
    /// - Parameter text: The raw text.
    /// - Returns: The escaped text.
    public static func escapeText(_ text: String) -> String {
        var output = ""
        appendEscaped(text, inAttribute: false, to: &output)
        return output
    }

    /// Escapes a value for use inside a double-quoted attribute.
    /// - Parameter value: The raw value.
    /// - Returns: The escaped value, without the quotes.
    public static func escapeAttribute(_ value: String) -> String {
        var output = ""
        appendEscaped(value, inAttribute: true, to: &output)
        return output
    }

    /// The namespace bindings in force at one element.
    private struct Scope {
        var defaultNamespace: String?
        var prefixes: [String: String]

        func isPrefixBound(_ prefix: String) -> Bool {
            prefix == "xml" || prefix == "xmlns" || prefixes.values.contains(prefix)
        }
    }

    private func write(_ element: XMLElement, in parentScope: Scope, to output: inout String) {
        var scope = parentScope
        var declarations: [(prefix: String?, uri: String)] = []

        let qualifiedName: String
        if element.namespace == scope.defaultNamespace {
            qualifiedName = element.name
        } else if let namespace = element.namespace, let prefix = scope.prefixes[namespace] {
            qualifiedName = prefix + ":" + element.name
        } else {
            qualifiedName = element.name
            scope.defaultNamespace = element.namespace
            declarations.append((nil, element.namespace ?? ""))
        }

        var attributeText = ""
        for attribute in element.attributes {
            let name: String
            if let namespace = attribute.namespace {
                let prefix: String
                if namespace == Self.xmlNamespace {
                    prefix = "xml"
                } else if let bound = scope.prefixes[namespace] {
                    prefix = bound
                } else {
                    var counter = 1
                    while scope.isPrefixBound("ns\(counter)") { counter += 1 }
                    prefix = "ns\(counter)"
                    scope.prefixes[namespace] = prefix
                    declarations.append((prefix, namespace))
                }
                name = prefix + ":" + attribute.name
            } else {
                name = attribute.name
            }
            attributeText += " " + name + "=\""
            Self.appendEscaped(attribute.value, inAttribute: true, to: &attributeText)
            attributeText += "\""
        }

        output += "<" + qualifiedName
        for declaration in declarations {
            output += declaration.prefix.map { " xmlns:" + $0 } ?? " xmlns"
            output += "=\""
            Self.appendEscaped(declaration.uri, inAttribute: true, to: &output)
            output += "\""
        }
        output += attributeText

        if element.children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        for child in element.children {
            switch child {
            case .element(let childElement):
                write(childElement, in: scope, to: &output)
            case .text(let text):
                Self.appendEscaped(text, inAttribute: false, to: &output)
            }
        }
        output += "</" + qualifiedName + ">"
    }

    private static func appendEscaped(_ text: String, inAttribute: Bool, to output: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\r": output += "&#13;"
            case "\"" where inAttribute: output += "&quot;"
            case "\t" where inAttribute: output += "&#9;"
            case "\n" where inAttribute: output += "&#10;"
            case "\t", "\n":
                output.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    output += "\u{FFFD}"
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
    }
}
