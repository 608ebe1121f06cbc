from datetime import datetime, timedelta
from tests.msgraph.conftest import NOW
from tests.msgraph import drive

def test_smoke(ms, signed_in, state_dir, sleeps):
    ms.seed("Interview with Acme — Senior Engineer", datetime(2026, 12, 3, 10, 0), attendees=(("Dana Lee", "dana@acme.com"),))
    out = drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    print(out.report, [r.path for r in ms.records])
    assert len(ms.calsync_events()) == 2
    ms.reset_records()
    out = drive.sync(drive.context(state_dir, NOW), sleep=sleeps)
    print(out.report, [(r.method, r.path) for r in ms.records])
