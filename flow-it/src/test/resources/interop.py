"""Plain Python SWF workers (boto3) beside Flow's Java ones, speaking Flow's payload format.

usage: python3 interop.py ENDPOINT DOMAIN   (credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)

- an activity worker for Flow's activity type "Pricing.quote" (task list "pricing"): the input is
  the JSON array of the call's arguments, the result the JSON of the returned value, and a failure
  a reason with JSON details {"type", "message", "stackTrace", "cause"};
- a decider for the workflow type "PyGreeting" (task list "py-decisions") that calls the Flow
  activity "Greeter.greet" and completes with its result.
It starts one PyGreeting, prints "py-greeting <close status> <result>" when it closed, and serves
activity tasks until its standard input closes. One line per step: the JUnit test reads them.
"""
import json
import sys
import threading
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

_out = threading.Lock()


def say(*parts):
    """One whole line on stdout: print() writes its parts one by one, and threads interleave them."""
    line = " ".join(str(p) for p in parts) + "\n"
    with _out:
        sys.stdout.write(line)
        sys.stdout.flush()


endpoint, domain = sys.argv[1], sys.argv[2]
swf = boto3.client(
    "swf",
    endpoint_url=endpoint,
    region_name="us-east-1",
    config=Config(read_timeout=70, retries={"max_attempts": 0}),
)


def register(register_type, **attributes):
    try:
        register_type(domain=domain, **attributes)
    except ClientError as e:
        if e.response["Error"]["Code"] != "TypeAlreadyExistsFault":
            raise


register(
    swf.register_activity_type,
    name="Pricing.quote", version="1.0",
    defaultTaskList={"name": "pricing"},
    defaultTaskScheduleToStartTimeout="60",
    defaultTaskScheduleToCloseTimeout="120",
    defaultTaskStartToCloseTimeout="60",
    defaultTaskHeartbeatTimeout="NONE",
)
register(
    swf.register_workflow_type,
    name="PyGreeting", version="1.0",
    defaultTaskList={"name": "py-decisions"},
    defaultExecutionStartToCloseTimeout="600",
    defaultTaskStartToCloseTimeout="30",
    defaultChildPolicy="TERMINATE",
)


def pricing_worker():
    while True:
        task = swf.poll_for_activity_task(
            domain=domain, taskList={"name": "pricing"}, identity="python-pricing")
        if not task.get("taskToken"):
            continue
        (item,) = json.loads(task["input"])  # the arguments, as a JSON array
        if item == "unknown":
            swf.respond_activity_task_failed(
                taskToken=task["taskToken"],
                reason="PricingError",
                details=json.dumps({"type": "PricingError", "message": "no price for " + item,
                                    "stackTrace": "", "cause": None}))
        else:
            swf.respond_activity_task_completed(
                taskToken=task["taskToken"], result=json.dumps(item + " costs 12.50"))
        say("activity", task["activityType"]["name"], item)


def greeting_decider():
    while True:
        task = swf.poll_for_decision_task(
            domain=domain, taskList={"name": "py-decisions"}, identity="python-decider")
        if not task.get("taskToken"):
            continue
        events = task["events"]
        kinds = [e["eventType"] for e in events]
        if "ActivityTaskCompleted" in kinds:
            done = events[kinds.index("ActivityTaskCompleted")]
            decision = {
                "decisionType": "CompleteWorkflowExecution",
                "completeWorkflowExecutionDecisionAttributes": {
                    "result": done["activityTaskCompletedEventAttributes"]["result"]},
            }
        elif "ActivityTaskScheduled" not in kinds:
            started = events[kinds.index("WorkflowExecutionStarted")]
            (name,) = json.loads(started["workflowExecutionStartedEventAttributes"]["input"])
            decision = {
                "decisionType": "ScheduleActivityTask",
                "scheduleActivityTaskDecisionAttributes": {
                    "activityType": {"name": "Greeter.greet", "version": "1.0"},
                    "activityId": "greet-1",
                    "input": json.dumps([name]),
                    "taskList": {"name": "greetings"},
                    "scheduleToStartTimeout": "60",
                    "scheduleToCloseTimeout": "120",
                    "startToCloseTimeout": "60",
                    "heartbeatTimeout": "NONE",
                },
            }
        else:
            decision = {
                "decisionType": "FailWorkflowExecution",
                "failWorkflowExecutionDecisionAttributes": {"reason": "unexpected: " + kinds[-1]},
            }
        swf.respond_decision_task_completed(taskToken=task["taskToken"], decisions=[decision])


threading.Thread(target=pricing_worker, daemon=True).start()
threading.Thread(target=greeting_decider, daemon=True).start()
say("ready")

run = swf.start_workflow_execution(
    domain=domain, workflowId="py-greeting",
    workflowType={"name": "PyGreeting", "version": "1.0"}, input=json.dumps(["Ann"]))
execution = {"workflowId": "py-greeting", "runId": run["runId"]}
deadline = time.time() + 60
while time.time() < deadline:
    info = swf.describe_workflow_execution(domain=domain, execution=execution)["executionInfo"]
    if info["executionStatus"] == "CLOSED":
        break
    time.sleep(0.1)
history = swf.get_workflow_execution_history(domain=domain, execution=execution)["events"]
results = [json.loads(e["workflowExecutionCompletedEventAttributes"]["result"])
           for e in history if e["eventType"] == "WorkflowExecutionCompleted"]
say("py-greeting", info.get("closeStatus", "OPEN"), results[0] if results else "")
sys.stdin.read()
