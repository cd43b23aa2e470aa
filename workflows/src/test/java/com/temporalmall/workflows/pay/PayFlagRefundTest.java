package com.temporalmall.workflows.pay;

import static com.temporalmall.workflows.MallTestEnvironment.applicationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.temporalmall.workflows.FakeDomains;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallTestEnvironment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code PayFlagRefund}, the API's path for a payment that arrives after its order's workflow has
 * ended: the pay is flagged locally, then refunded through the provider by an activity task retried
 * until it confirms.
 */
class PayFlagRefundTest {
  private static final String WORKFLOW_ID = PayContract.flagRefundWorkflowId("event-evt_1");

  private TestWorkflowEnvironment env;
  private FakeDomains fakes;

  @BeforeEach
  void startTestServer() {
    env = MallTestEnvironment.newInstance();
    fakes = new FakeDomains();
    fakes.serveOn(env);
    env.start();
  }

  @AfterEach
  void stopTestServer() {
    env.close();
  }

  private PayView flagRefund() {
    WorkflowClient client = env.getWorkflowClient();
    return client
        .newWorkflowStub(
            PayWrites.FlagRefund.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(WORKFLOW_ID)
                .setTaskQueue(PayContract.TASK_QUEUE)
                .build())
        .flagRefund(new PayChange(WORKFLOW_ID, FakeDomains.PAY_ID, 1));
  }

  private long events(EventType type) {
    return env.getWorkflowClient().fetchHistory(WORKFLOW_ID).getEvents().stream()
        .filter(event -> event.getEventType() == type)
        .count();
  }

  @Test
  void flagsLocallyThenRefundsOnceAsAnActivityTask() {
    PayView refunded = flagRefund();

    assertThat(refunded.status()).isEqualTo(PayStatus.REFUNDED);
    assertThat(fakes.journal)
        .containsExactly(
            PayContract.Activities.FLAG_REFUND + " " + FakeDomains.PAY_ID,
            PayContract.Activities.REFUND + " " + WORKFLOW_ID + " " + FakeDomains.PAY_ID);
    assertThat(fakes.executions)
        .containsExactly(
            PayContract.Activities.FLAG_REFUND + " on pay, local",
            PayContract.Activities.REFUND + " on pay, remote");
    assertThat(events(EventType.EVENT_TYPE_MARKER_RECORDED))
        .as("the local activity and the version marker")
        .isEqualTo(2);
    assertThat(events(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(1);
  }

  @Test
  void aProviderThatFailsTwiceIsAskedAgainAndRefundsOnce() {
    AtomicInteger failures = new AtomicInteger(2);
    fakes.refundBehaviour =
        () -> {
          if (failures.getAndDecrement() > 0) {
            throw ApplicationFailure.newFailure("the provider answered 503", "ProviderDown");
          }
        };

    assertThat(flagRefund().status()).isEqualTo(PayStatus.REFUNDED);
    assertThat(fakes.refundAttempts).hasValue(3);
    assertThat(fakes.journal)
        .containsOnlyOnce(
            PayContract.Activities.REFUND + " " + WORKFLOW_ID + " " + FakeDomains.PAY_ID);
  }

  @Test
  void aPayThatCannotBeFlaggedFailsTheWorkflowAndRefundsNothing() {
    fakes.writeRejection = MallFailures.notFound("pay 100 does not exist");

    Throwable failure = catchThrowable(this::flagRefund);

    assertThat(failure).isInstanceOf(WorkflowFailedException.class);
    assertThat(applicationFailure(failure).getType()).isEqualTo(MallFailures.NOT_FOUND);
    assertThat(fakes.refundAttempts).hasValue(0);
    assertThat(events(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isZero();
  }
}
