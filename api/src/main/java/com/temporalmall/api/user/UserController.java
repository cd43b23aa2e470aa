package com.temporalmall.api.user;

import com.temporalmall.api.temporal.DomainWrites;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.IdempotencyKeys;
import com.temporalmall.api.web.JwtIssuer;
import com.temporalmall.api.web.MaxUtf8Bytes;
import com.temporalmall.api.web.MinCodePoints;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.api.web.ProblemType;
import com.temporalmall.api.web.Problems;
import com.temporalmall.api.web.Texts;
import com.temporalmall.workflows.user.NewUser;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserView;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/user", consumes = "application/json", produces = "application/json")
public class UserController {
  static final String MOBILE = "^\\+?[0-9]{5,20}$";

  /** BCrypt reads at most 72 bytes of a password; longer ones are refused, not truncated. */
  static final int BCRYPT_MAX_BYTES = 72;

  public record RegisterRequest(
      @NotNull @Size(max = 64) @Pattern(regexp = Texts.NOT_BLANK, message = Texts.NOT_BLANK_MESSAGE)
          String name,
      @NotNull @Min(0) @Max(2) Integer gender,
      @NotNull @Pattern(regexp = MOBILE) String mobile,
      @Schema(description = "6 to 72 characters, at most 72 bytes in UTF-8")
          @NotNull
          @Size(min = 6, max = BCRYPT_MAX_BYTES)
          @MinCodePoints(6)
          @MaxUtf8Bytes(BCRYPT_MAX_BYTES)
          String password) {}

  public record LoginRequest(
      @NotNull @Pattern(regexp = MOBILE) String mobile,
      @NotNull @Size(max = BCRYPT_MAX_BYTES) @MaxUtf8Bytes(BCRYPT_MAX_BYTES) String password) {}

  public record LoginResponse(String accessToken, long accessExpire) {}

  private final DomainWrites writes;
  private final UserReads users;
  private final PasswordEncoder passwords;
  private final JwtIssuer tokens;
  private final IdempotencyKeys keys;

  public UserController(
      DomainWrites writes,
      UserReads users,
      PasswordEncoder passwords,
      JwtIssuer tokens,
      IdempotencyKeys keys) {
    this.keys = keys;
    this.writes = writes;
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
  }

  /** The password is hashed here, so no clear text ever reaches a workflow history. */
  @PostMapping("/register")
  public UserView register(
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody RegisterRequest request) {
    IdempotencyKey.RequestId requestId = keys.of(idempotencyKey, "register", request);
    String workflowId = UserContract.registerWorkflowId(requestId.value());
    NewUser user =
        new NewUser(
            workflowId,
            request.name(),
            request.gender(),
            request.mobile(),
            passwords.encode(request.password()));
    return writes.register(user, requestId.fingerprint());
  }

  @PostMapping("/login")
  public LoginResponse login(@Valid @RequestBody LoginRequest request) {
    UserCredentials credentials =
        users
            .credentials(request.mobile())
            .filter(found -> passwords.matches(request.password(), found.passwordHash()))
            .orElseThrow(UserController::badCredentials);
    Jwt token = tokens.issue(credentials.id());
    return new LoginResponse(token.getTokenValue(), token.getExpiresAt().getEpochSecond());
  }

  @PostMapping("/userinfo")
  public UserView userinfo(
      @AuthenticationPrincipal Jwt token,
      @RequestBody(required = false) Map<String, Object> ignored) {
    return users.info(JwtIssuer.uidOf(token));
  }

  /** The same answer for an unknown mobile and a wrong password: no account enumeration. */
  private static ProblemException badCredentials() {
    return new ProblemException(
        Problems.of(ProblemType.BAD_CREDENTIALS, "Wrong mobile or password"));
  }
}
