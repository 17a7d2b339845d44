package dev.scheduling.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * What the servlet container reports as an error of its own (a body that did not arrive in time, a request it could
 * not read) is a problem like every other answer, in place of Spring Boot's error document. Nothing of the failure is
 * repeated: it may quote the request.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    private static final Map<Integer, String> DETAILS = Map.of(
            400, "The request could not be read",
            404, "No such resource",
            408, "The request did not arrive in time",
            413, "The request is too large",
            500, "An unexpected error occurred; nothing was changed.");

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code : 500;
        ProblemDetail problem = Problems.ofStatus(status, DETAILS.getOrDefault(status, "The request was refused"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
