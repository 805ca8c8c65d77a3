"""Drives the Flow engine's SWF endpoint with boto3: one workflow, one decision, one activity.

usage: python3 boto3_lifecycle.py ENDPOINT   (credentials from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)
Prints one line per step; the JUnit test asserts on them.
"""
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

endpoint = sys.argv[1]
swf = boto3.client(
    "swf",
    endpoint_url=endpoint,
    region_name="us-east-1",
    config=Config(read_timeout=70, retries={"max_attempts": 0}),
)
print("boto3", boto3.__version__, flush=True)

try:
    swf.describe_domain(name="nowhere")
except ClientError as e:
    print("fault", e.response["Error"]["Code"], flush=True)

swf.register_domain(name="py", workflowExecutionRetentionPeriodInDays="1")
swf.register_workflow_type(
    domain="py", name="PyFlow", version="1",
    defaultTaskList={"name": "py-deciders"},
    defaultExecutionStartToCloseTimeout="600",
    defaultTaskStartToCloseTimeout="30",
    defaultChildPolicy="TERMINATE",
)
swf.register_activity_type(
    domain="py", name="Upper", version="1",
    defaultTaskList={"name": "py-workers"},
    defaultTaskScheduleToStartTimeout="60",
    defaultTaskScheduleToCloseTimeout="120",
    defaultTaskStartToCloseTimeout="60",
    defaultTaskHeartbeatTimeout="NONE",
)
print("registered", flush=True)

run = swf.start_workflow_execution(
    domain="py", workflowId="py-1", workflowType={"name": "PyFlow", "version": "1"}, input="hello"
)
print("started", run["runId"], flush=True)

task = swf.poll_for_decision_task(domain="py", taskList={"name": "py-deciders"}, identity="py-decider")
started = task["events"][0]["workflowExecutionStartedEventAttributes"]
print("decision", task["workflowType"]["name"], started["input"], flush=True)
swf.respond_decision_task_completed(
    taskToken=task["taskToken"],
    decisions=[{
        "decisionType": "ScheduleActivityTask",
        "scheduleActivityTaskDecisionAttributes": {
            "activityType": {"name": "Upper", "version": "1"},
            "activityId": "upper-1",
            "input": started["input"],
        },
    }],
)

work = swf.poll_for_activity_task(domain="py", taskList={"name": "py-workers"}, identity="py-worker")
print("activity", work["activityId"], work["input"], flush=True)
swf.respond_activity_task_completed(taskToken=work["taskToken"], result=work["input"].upper())

task = swf.poll_for_decision_task(domain="py", taskList={"name": "py-deciders"}, identity="py-decider")
result = [e for e in task["events"] if e["eventType"] == "ActivityTaskCompleted"][0]
result = result["activityTaskCompletedEventAttributes"]["result"]
swf.respond_decision_task_completed(
    taskToken=task["taskToken"],
    decisions=[{
        "decisionType": "CompleteWorkflowExecution",
        "completeWorkflowExecutionDecisionAttributes": {"result": result + "!"},
    }],
)

history = swf.get_workflow_execution_history(
    domain="py", execution={"workflowId": "py-1", "runId": run["runId"]}
)
events = history["events"]
print("history", ",".join(e["eventType"] for e in events), flush=True)
print("first event at", events[0]["eventTimestamp"].isoformat(), flush=True)
closed = swf.describe_workflow_execution(
    domain="py", execution={"workflowId": "py-1", "runId": run["runId"]}
)["executionInfo"]
print("closed", closed["executionStatus"], closed["closeStatus"],
      events[-1]["workflowExecutionCompletedEventAttributes"]["result"], flush=True)
