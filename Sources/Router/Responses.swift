import HTTPTypes
import Hummingbird
import NIOCore
import Shared

/// Builders for the responses the API sends.
enum Responses {
    /// A response whose body is already-serialised JSON.
    static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A response built by a `JSONWriter`.
    static func json(_ status: HTTPResponse.Status, headers: HTTPFields = [:], _ build: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter()
        build(&writer)
        return json(status, writer.bytes, headers: headers)
    }

    /// A response without body.
    static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        Response(status: status, headers: headers)
    }

    /// The JSON error document `{"title", "description"?, "link"?}` of spec §1.4.
    static func error(_ error: APIError) -> Response {
        json(error.status, headers: error.headers) { writer in
            writer.beginObject()
            writer.key("title")
            writer.string(error.title)
            if let description = error.description {
                writer.key("description")
                writer.string(description)
            }
            if error.includeHelpLink {
                writer.key("link")
                writer.beginObject()
                writer.key("text")
                writer.string("Documentation related to this error")
                writer.key("href")
                writer.string("http://docs.openstack.org/developer/zaqar/")
                writer.key("rel")
                writer.string("help")
                writer.endObject()
            }
            writer.endObject()
        }
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("x-openstack-request-id")!
    static let clientID = HTTPField.Name("Client-ID")!
    static let projectID = HTTPField.Name("X-Project-ID")!
    static let tenantID = HTTPField.Name("X-Tenant-ID")!
    static let tenant = HTTPField.Name("X-Tenant")!
    static let roles = HTTPField.Name("X-Roles")!
}
