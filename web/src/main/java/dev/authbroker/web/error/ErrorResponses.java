package dev.authbroker.web.error;

import dev.authbroker.core.error.ErrorCode;
import dev.authbroker.core.json.JsonTools;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON error body of every API: {@code {"error":"snake_case_code","error_description":"…"}}. */
public final class ErrorResponses {

    private ErrorResponses() {
    }

    public static Response json(ErrorCode code, String description) {
        return json(code.httpStatus(), code.code(), description);
    }

    public static Response json(int status, String code, String description) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store")
                .entity(JsonTools.object().add("error", code).add("error_description", description).build())
                .build();
    }
}
