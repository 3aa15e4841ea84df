"""The generator's vocabularies: header synonyms, status vocabularies, vendor spellings, places.

Everything here is the generator's own, written without looking at cllr's parser data, so a
register built from it uses words cllr's authors did not pick for it.
"""

from __future__ import annotations

# --- header synonyms per column role --------------------------------------------------
HEADERS: dict[str, list[str]] = {
    "site": ["Site", "Property Name", "Building", "Premises", "Site Name", "Location Name"],
    "area": ["District", "Ward", "Parish", "Area", "Locality"],
    "type": ["Property Type", "Building Type", "Site Category", "Premises Type", "Use"],
    "make": ["Manufacturer", "Make", "Brand", "Camera Make", "Equipment Make"],
    "model": ["Model", "Model No.", "Model Number", "Camera Model", "Product Code"],
    "status": ["Status", "Lifecycle", "Operating Status", "Current Status", "Asset State"],
    "installed": ["Installed", "Install Date", "Date Fitted", "Commissioned", "Year Installed"],
    "replacement": ["Replacement Due", "Planned Swap", "Replacement FY", "Renewal Year"],
    "cameras": ["No. Cameras", "Camera Count", "Cameras", "Number of Cameras", "Qty Cameras"],
    "device": ["Device Type", "Equipment Type", "Asset Type", "Item"],
    "system": ["System ID", "System Ref", "System No.", "Scheme ID"],
    "asset": ["Asset ID", "Asset No", "Ref", "Asset Reference", "Tag"],
    "network": ["Network", "Connectivity", "Network Segment", "Comms"],
    "remote": ["Remote Viewing", "Remote Access", "Remote App", "Viewed Remotely"],
    "notes": ["Notes", "Comments", "Remarks", "Officer Notes"],
}

# --- status vocabularies: value -> class ----------------------------------------------
# Classes: "live" (working), "due" (working, replacement planned), "out" (not in service:
# offline, replaced, removed, disposed, decommissioned). In service = live or due.
IN_SERVICE = frozenset({"live", "due"})
STATUS_VOCABS: list[dict[str, str]] = [
    {"In service": "live", "Scheduled for replacement": "due", "Replaced": "out",
     "Decommissioned": "out"},
    {"Live": "live", "Awaiting swap": "due", "Swapped": "out", "Removed": "out"},
    {"Operational": "live", "Operational \u2013 Replacement Planned": "due", "Offline": "out",
     "Removed": "out", "Disposed": "out"},
    {"Active": "live", "Active - replacement approved": "due", "Not working": "out",
     "Retired": "out"},
    {"in_service": "live", "due_replacement": "due", "replaced": "out", "removed": "out"},
    {"Working": "live", "Working (to be replaced)": "due", "Faulty - switched off": "out",
     "Taken down": "out"},
]

# --- vendors: family -> spellings, blank-make model prefixes ---------------------------
FAMILIES: dict[str, list[str]] = {
    "Hikvision": ["Hikvision", "HIKVISION", "Hik-Vision", "Hikvision ", "Hikvision Digital Technology",
                  "HiLook", "EZVIZ"],
    "Dahua": ["Dahua", "DAHUA", "Dahua Technology", "Imou"],
    "Axis": ["Axis", "AXIS", "Axis Communications"],
    "Hanwha": ["Hanwha Vision", "Hanwha Techwin", "Wisenet"],
    "Avigilon": ["Avigilon", "AVIGILON"],
    "Bosch": ["Bosch", "BOSCH", "Bosch Security Systems"],
    "Honeywell": ["Honeywell", "Honeywell Security"],
}
MODELS: dict[str, list[str]] = {
    "Hikvision": ["DS-2CD2143G2-I", "DS-2CD2087G2-LU", "DS-2DE4425IW-DE", "DS-7608NI-K2"],
    "Dahua": ["DHI-IPC-HFW2431S", "DHI-NVR4216-16P", "DH-IPC-HDW3849H", "DHI-SD49225XA"],
    "Axis": ["P3265-LVE", "Q6135-LE", "M3106-L Mk II", "S3008 Recorder"],
    "Hanwha": ["XNV-8080R", "QNO-6012R", "PNM-9085RQZ"],
    "Avigilon": ["H5A-DO", "2.0C-H5SL-BO1-IR", "NVR5 PRM"],
    "Bosch": ["FLEXIDOME 5100i", "DINION 7100i", "DIVAR IP 5000"],
    "Honeywell": ["HC30WB5R1", "HEN16104", "HBW4PER1"],
}
BLANK_MODEL_FAMILIES = ("Hikvision", "Dahua")  # a blank make still tells the family by model
RESTRICTED = ("Hikvision", "Dahua")
# how questions name a family (casual to formal)
ASKED_NAMES: dict[str, list[str]] = {
    "Hikvision": ["Hikvision", "hikvision", "Hik", "HIKVISION"],
    "Dahua": ["Dahua", "dahua", "DAHUA"],
    "Axis": ["Axis", "axis", "Axis Communications"],
    "Hanwha": ["Hanwha", "Wisenet", "hanwha"],
    "Avigilon": ["Avigilon", "avigilon"],
    "Bosch": ["Bosch", "bosch"],
    "Honeywell": ["Honeywell", "honeywell"],
}

# --- places and property types ---------------------------------------------------------
PLACE_HEADS = ["Ash", "Brack", "Cold", "Dun", "Fern", "Kettle", "Marrow", "Oller", "Rudge", "Salt",
               "Tide", "Wren", "Sedge", "Holl", "Pell", "Orris", "Stan", "Toll", "Wether", "Alder",
               "Birch", "Crow", "Elm", "Gorse", "Heron", "Lark", "Mill", "Nether", "Quarry", "Rook",
               "Thorn", "Yew", "Bram", "Cran", "Dray", "Frith", "Glen", "Hazel", "Lind", "Wych"]
PLACE_TAILS = ["ford", "bury", "ham", "wick", "mere", "by", "ton", "field", "down", "brook", "well",
               "hurst", "ley", "cote", "stead", "combe", "thorpe", "worth", "gate", "marsh"]
STREETS = ["Chapel", "Station", "Mill", "Church", "Market", "Bridge", "Quarry", "Orchard", "Canal",
           "Tannery", "Rope Walk", "Foundry", "Granary", "Pinfold", "Maltings"]
# property type -> (plural, how a site of that type is named)
TYPES: dict[str, tuple[str, str]] = {
    "Library": ("libraries", "{place} Library"),
    "Leisure Centre": ("leisure centres", "{place} Leisure Centre"),
    "Car Park": ("car parks", "{street} Car Park"),
    "Depot": ("depots", "{place} Depot"),
    "Community Centre": ("community centres", "{place} Community Centre"),
    "Sheltered Housing": ("sheltered housing schemes", "{tree} Court"),
    "Museum": ("museums", "{place} Museum"),
    "Office": ("offices", "{place} House"),
    "Public Toilets": ("public toilets", "{street} Public Toilets"),
    "Cemetery": ("cemeteries", "{place} Cemetery"),
}
TREES = ["Alder", "Beech", "Cedar", "Damson", "Elder", "Hawthorn", "Juniper", "Laurel", "Maple",
         "Rowan", "Willow", "Holly", "Larch", "Poplar", "Sorrel", "Teasel"]
NETWORKS = ["Corporate LAN", "Isolated", "4G router", "CCTV VLAN", "Standalone"]
REMOTE = ["No", "Yes - vendor app", "Yes - VPN", "None", "Hik-Connect", "DMSS app"]
NOTES = ["", "", "", "Cabling replaced 2021", "Covers rear yard", "Key holder: site manager",
         "Signage updated", "Monitored from control room", "Check retention settings"]
DEVICE_CAMERAS = ["Camera", "Dome Camera", "Bullet Camera", "PTZ Camera"]
DEVICE_OTHER = ["NVR", "DVR", "Recorder", "Monitor"]
