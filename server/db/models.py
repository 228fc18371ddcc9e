"""Imports every model module, so the metadata (and Alembic) sees the whole schema."""

from server.attendees.models import Attendee, PendingImport
from server.checkin_lists.models import CheckinList, ConferenceDays
from server.checkin.models import CheckIn, CheckInCorrection, DoorCheck, ProductRedemption
from server.conferences.models import AddOn, Conference, TicketType
from server.dashboard.models import AttendanceCount, RedemptionCount
from server.db.base import Base
from server.devices.models import Device, ServerIdentity
from server.orders.models import Order, OrderLineItem, OrderStatus
from server.payments.models import DeskPayment, StripeEvent
from server.print_jobs.models import PrintJob
from server.sponsors.models import (
    BulkPurchase,
    BulkPurchaseStatus,
    BulkPurchaseVoucher,
    Sponsor,
    SponsorLevel,
)
from server.sync.models import FeedPosition, SyncConflict, SyncEvent
from server.users.models import ConsoleSession, Membership, SignInAttempt, User
from server.vouchers.models import Voucher, VoucherType

__all__ = [
    "AddOn", "AttendanceCount", "Attendee", "Base", "BulkPurchase", "BulkPurchaseStatus", "BulkPurchaseVoucher",
    "CheckIn", "CheckInCorrection", "Conference", "Device", "FeedPosition", "SyncConflict", "SyncEvent", "DoorCheck",
    "Order", "OrderLineItem", "OrderStatus", "ProductRedemption", "RedemptionCount",
    "Sponsor", "SponsorLevel", "StripeEvent", "TicketType", "Voucher", "VoucherType",
    "ServerIdentity", "User", "Membership", "ConsoleSession", "SignInAttempt", "DeskPayment", "PendingImport",
    "PrintJob", "CheckinList", "ConferenceDays",
]
