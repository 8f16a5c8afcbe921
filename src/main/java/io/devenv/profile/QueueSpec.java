package io.devenv.profile;

@Doc("An SQS queue.")
public record QueueSpec(
    Origin origin,
    @Doc("The queue name (1-80 characters: letters, digits, `-`, `_`; ends in `.fifo` exactly when `fifo` is true).")
        @Required
        String name,
    @Doc("Seconds a received message stays invisible to other consumers.") Integer visibilityTimeout,
    @Doc("Seconds before a new message can be received.") Integer delaySeconds,
    @Doc("Seconds a message is kept (60 to 1209600).") Integer messageRetentionPeriod,
    @Doc("Where messages go after too many receives.") DeadLetter deadLetter,
    @Doc("A FIFO queue (its name must end in `.fifo`).") @Default("false") boolean fifo,
    @Doc("FIFO only: deduplicate by a hash of the body.") @Default("false") boolean contentBasedDeduplication) {

  @Doc("A dead-letter queue of a queue.")
  public record DeadLetter(
      @Doc("The dead-letter queue (declared in this profile; FIFO when the queue is).") @Required String queue,
      @Doc("Receives before a message moves to the dead-letter queue.") @Default("5") int maxReceiveCount) {}
}
