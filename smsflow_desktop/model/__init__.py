"""The campaign model: pydantic data and pure rules, with no Qt and no I/O."""

from smsflow_desktop.model.campaign import Campaign, SmsMessage
from smsflow_desktop.model.campaign_file import CampaignFile, CampaignFormatError
from smsflow_desktop.model.validation import Problem, WorkspaceRefs, validate_campaign

__all__ = [
    "Campaign",
    "CampaignFile",
    "CampaignFormatError",
    "Problem",
    "SmsMessage",
    "WorkspaceRefs",
    "validate_campaign",
]
