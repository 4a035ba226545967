"""What the demo network generator (``demo_network.py``) draws from: people's
names, the dealerships' sizes and plates, the workshop's parts and jobs, the
warranty faults, the complaints' words, the campaigns. Plain data, no Odoo."""

# The six demo dealerships: generated owners, the dealership's customer labour rate
# per hour, plate prefixes, how satisfied its customers are (weights of the scores
# 1 to 5 in a follow-up) and how fast it handles complaints (share handled late).
DEALERS = {
    "BJ01": {
        "owners": 22,
        "labour_rate": 180,
        "plates": ["京A", "京B", "京E", "京F", "京N", "京Q"],
        "satisfaction": (1, 2, 8, 34, 55),
        "late": 0.1,
    },
    "SH02": {
        "owners": 19,
        "labour_rate": 170,
        "plates": ["沪A", "沪B", "沪C", "沪D", "沪N"],
        "satisfaction": (2, 3, 10, 38, 47),
        "late": 0.15,
    },
    "GZ03": {
        "owners": 16,
        "labour_rate": 160,
        "plates": ["粤A"],
        "satisfaction": (2, 4, 14, 40, 40),
        "late": 0.2,
    },
    "WH04": {
        "owners": 14,
        "labour_rate": 150,
        "plates": ["鄂A"],
        "satisfaction": (3, 5, 16, 40, 36),
        "late": 0.25,
    },
    "ZZ05": {
        "owners": 12,
        "labour_rate": 140,
        "plates": ["豫A"],
        "satisfaction": (4, 6, 18, 40, 32),
        "late": 0.3,
    },
    "CQ06": {
        "owners": 11,
        "labour_rate": 130,
        "plates": ["渝A", "渝B", "渝C", "渝D"],
        "satisfaction": (5, 8, 20, 37, 30),
        "late": 0.35,
    },
}

SURNAMES = (
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo "
    "Gao Zheng Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan "
    "Yuan Cai Jiang Yu Du Ye Cheng Wei Su Ding Ren Shen Yao Lu Jin Qian Fu Qin"
).split()
GIVEN_NAMES = (
    "Wei Fang Na Min Jing Qiang Lei Jun Yong Yan Jie Tao Ming Chao Hui Ping Gang "
    "Hong Bo Kai Xin Yu Hao Jian Ting Xue Mei Rui Qing Peng Fei Dan Lan Hua Bin "
    "Long Shan Xiaoming Jiahui Zihan Yuxuan Haoran Zixuan Yichen Ruoxi Shuang "
    "Wenjie Jianguo Lijuan Guiying Xiuying Zhiqiang Yufei Mengyao Tianyi Siyu "
    "Junjie Xiaohong Dongmei Haiyan Chunhua Guoqiang"
).split()
# China's mobile prefixes after the 1
MOBILE_PREFIXES = (
    "30 31 32 33 35 36 37 38 39 50 51 52 53 55 56 57 58 59 66 77 80 81 82 83 85 "
    "86 87 88 89 98 99"
).split()

# Vehicle models by the default code of their product (AUR-xx): how often sold.
MODEL_WEIGHTS = {
    "AUR-S3": 14,
    "AUR-S5": 12,
    "AUR-X3": 16,
    "AUR-X5": 11,
    "AUR-X7": 5,
    "AUR-M6": 6,
    "AUR-E3": 8,
    "AUR-E5": 6,
    "AUR-P1": 4,
}
ELECTRIC_MODELS = {"AUR-E3", "AUR-E5"}

# Products the generator adds to the catalogue (xml id suffix: values); the demo's
# own parts are found by their internal references (DEMO_PARTS). Workshop parts are
# consumed untracked; the parts the OEM wants back after a warranty repair are
# tracked in stock, as the demo's are.
PRODUCTS = {
    "part_oil_filter": ("Oil filter", "ENG-15208", 68, "part"),
    "part_air_filter": ("Engine air filter", "ENG-16546", 120, "part"),
    "part_cabin_filter": ("Cabin air filter", "HVA-27277", 95, "part"),
    "part_spark_plug": ("Spark plug", "IGN-22401", 45, "part"),
    "part_brake_fluid": ("Brake fluid DOT 4, 1 L", "BRK-46001", 85, "part"),
    "part_coolant": ("Coolant, 4 L", "ENG-21710", 160, "part"),
    "part_wiper_blades": ("Wiper blade set", "BDY-28890", 150, "part"),
    "part_battery": ("12 V battery, 60 Ah", "ELE-24410", 680, "part"),
    "part_tyre": ("Tyre 215/60 R17", "WHL-40300", 780, "part"),
    "part_brake_disc": ("Front brake disc", "BRK-40206", 380, "part"),
    "part_shock_absorber": ("Front shock absorber", "SUS-54302", 650, "part"),
    "part_headlamp": ("Headlamp assembly, left", "ELE-26060", 1200, "part"),
    "part_ac_compressor": ("Air-conditioning compressor", "HVA-92600", 2600, "part"),
    "part_bumper": ("Front bumper cover", "BDY-62022", 1900, "part"),
    "part_ignition_coil": ("Ignition coil", "IGN-22448", 260, "warranty"),
    "part_oxygen_sensor": ("Oxygen sensor, upstream", "EXH-22693", 480, "warranty"),
    "part_body_control": ("Body control module", "ELE-28470", 1650, "warranty"),
    "part_hv_harness": ("High-voltage harness", "EVS-24019", 1350, "warranty"),
    "service_labour": ("Workshop labour (hour)", "LAB-0001", 150, "service"),
    "service_body_paint": ("Body and paint work (hour)", "LAB-0002", 220, "service"),
    "service_alignment": ("Four-wheel alignment", "LAB-0010", 260, "service"),
    "service_ac_cleaning": ("Air-conditioning cleaning", "LAB-0011", 280, "service"),
    "service_package": ("Maintenance materials package", "PKG-0001", 420, "service"),
}
DEMO_PARTS = {
    "part_engine_oil": "OIL-0530",
    "part_brake_pads": "BRK-58101",
    "part_stabiliser_link": "SUS-55310",
    "part_water_pump": "ENG-25100",
    "part_window_regulator": "BDY-82401",
}
# The OEM's flat-rate operations the generator adds (code: name, hours)
LABOUR_OPERATIONS = {
    "IGN110": ("Replace ignition coil", 0.8),
    "EXH220": ("Replace oxygen sensor", 1.0),
    "ELE310": ("Replace body control module", 1.8),
    "HVS410": ("Replace high-voltage harness", 3.0),
}

# Workshop jobs: parts (product key, quantity), labour hours, extra service lines,
# the customer's words and the technician's findings.
MAINTENANCE = {
    "minor": {
        "parts": [("part_engine_oil", 1), ("part_oil_filter", 1)],
        "hours": 1.0,
        "words": "Time for the regular service; the service light came on.",
        "findings": "Oil and oil filter changed; tyres, lights, brakes and fluids "
        "checked, all within limits.",
    },
    "major": {
        "parts": [
            ("part_engine_oil", 1),
            ("part_oil_filter", 1),
            ("part_air_filter", 1),
            ("part_cabin_filter", 1),
            ("part_spark_plug", 4),
            ("part_brake_fluid", 1),
        ],
        "hours": 2.2,
        "words": "The big service, please; the engine feels a little sluggish.",
        "findings": "Oil, oil filter, air and cabin filters, spark plugs and brake "
        "fluid replaced; throttle body cleaned; road test OK.",
    },
    "electric": {
        "parts": [("part_cabin_filter", 1), ("part_brake_fluid", 1)],
        "hours": 1.2,
        "words": "Regular check of the electric car; range seems a bit lower.",
        "findings": "Battery state of health 96 %; cabin filter and brake fluid "
        "replaced; high-voltage insulation and cooling circuit checked.",
    },
}
EXTRAS = [
    ([("part_wiper_blades", 1)], [], "Wipers smear the windscreen."),
    ([("part_coolant", 1)], [], "Coolant level is low."),
    ([], [("service_ac_cleaning", 1)], "The air conditioning smells musty."),
    ([("part_battery", 1)], [], "Slow start on cold mornings."),
]
REPAIRS = [
    {
        "parts": [("part_brake_pads", 1), ("part_brake_disc", 2)],
        "hours": 1.6,
        "words": "Grinding noise when braking.",
        "findings": "Front pads at 2 mm and discs scored; pads and discs replaced.",
    },
    {
        "parts": [("part_battery", 1)],
        "hours": 0.5,
        "words": "The car would not start this morning.",
        "findings": "Battery failed the load test; replaced, charging system OK.",
    },
    {
        "parts": [("part_tyre", 2)],
        "services": [("service_alignment", 1)],
        "hours": 0.8,
        "words": "Front tyres worn and the car pulls to the right.",
        "findings": "Both front tyres replaced; four-wheel alignment corrected.",
    },
    {
        "parts": [("part_shock_absorber", 2)],
        "hours": 2.0,
        "words": "The car bounces over speed bumps.",
        "findings": "Both front shock absorbers leaking; replaced, road test OK.",
    },
    {
        "parts": [("part_ac_compressor", 1)],
        "services": [("service_ac_cleaning", 1)],
        "hours": 3.0,
        "words": "The air conditioning blows warm air.",
        "findings": "A/C compressor clutch failed out of warranty; compressor "
        "replaced, system evacuated and recharged.",
    },
    {
        "parts": [("part_headlamp", 1)],
        "hours": 0.6,
        "words": "Left headlamp is fogged and dim.",
        "findings": "Headlamp housing cracked and leaking; assembly replaced and "
        "aimed.",
    },
]
ACCIDENT = {
    "parts": [("part_bumper", 1), ("part_headlamp", 1)],
    "paint_hours": (6, 14),
    "hours": 2.0,
    "words": "Minor collision in a car park; the front bumper is damaged.",
    "findings": "Front bumper cover and left headlamp replaced, bumper painted; "
    "parking sensors recalibrated.",
}
# A short check in a campaign: the air-conditioning cleaning and a look around.
CAMPAIGN_CHECK = {
    "services": [("service_ac_cleaning", 1)],
    "parts": [("part_cabin_filter", 1)],
    "hours": 0.5,
    "words": "Came for the campaign's free check.",
    "findings": "Free check done: A/C cleaned, cabin filter replaced, tyres and "
    "brakes checked.",
}

# Warranty faults: causal part, the OEM's flat-rate operation and fault codes (by
# their codes), which engines they happen to (None: every model), words.
WARRANTY_FAULTS = [
    {
        "part": "part_stabiliser_link",
        "operation": "SUS101",
        "codes": ["S-NOISE-SUSP"],
        "engines": None,
        "words": "Rattle from the rear when driving over bumps.",
        "diagnosis": "Rear stabiliser link ball joint has 2 mm play.",
        "report": "Rear stabiliser link replaced, road test OK.",
    },
    {
        "part": "part_water_pump",
        "operation": "ENG210",
        "codes": [
            "P0217",
            "S-LEAK-COOLANT",
        ],
        "engines": "combustion",
        "words": "Coolant warning light and a sweet smell.",
        "diagnosis": "Water pump seal leaking; coolant level 1 L low.",
        "report": "Water pump replaced, coolant refilled, no leak.",
    },
    {
        "part": "part_window_regulator",
        "operation": "BDY401",
        "codes": ["S-WINDOW"],
        "engines": None,
        "words": "Front left window does not close.",
        "diagnosis": "Regulator cable broken.",
        "report": "Window regulator replaced, window adapted.",
    },
    {
        "part": "part_ignition_coil",
        "operation": "IGN110",
        "codes": ["P0301"],
        "engines": "combustion",
        "words": "The engine shakes at idle and the check light flashes.",
        "diagnosis": "P0301 stored; cylinder 1 coil fails the swap test.",
        "report": "Ignition coil of cylinder 1 replaced, fault memory cleared.",
    },
    {
        "part": "part_oxygen_sensor",
        "operation": "EXH220",
        "codes": [
            "P0171",
            "P0420",
        ],
        "engines": "combustion",
        "words": "Engine light is on and fuel use went up.",
        "diagnosis": "Upstream oxygen sensor slow to switch; fuel trims +18 %.",
        "report": "Upstream oxygen sensor replaced, trims back to normal.",
    },
    {
        "part": "part_body_control",
        "operation": "ELE310",
        "codes": [
            "B1000",
            "U0100",
        ],
        "engines": None,
        "words": "Locks and lights act up by themselves.",
        "diagnosis": "B1000 stored; body control module fails its self-test.",
        "report": "Body control module replaced and coded to the VIN.",
    },
    {
        "part": "part_hv_harness",
        "operation": "HVS410",
        "codes": ["P0AA6"],
        "engines": "electric",
        "words": "Warning to stop the car safely; it will not charge.",
        "diagnosis": "P0AA6: insulation resistance 80 kΩ at the rear harness.",
        "report": "High-voltage harness replaced, insulation test passed.",
    },
]
# A wear part claimed under warranty: the OEM rejects it.
WEAR_PART_CLAIM = {
    "part": "part_brake_pads",
    "operation": "BRK301",
    "codes": ["S-NOISE-BRAKE"],
    "engines": None,
    "words": "Squeal when braking.",
    "diagnosis": "Front pads worn to 2 mm.",
    "report": "Front brake pads replaced.",
}
REJECTIONS = {
    "not_covered": "Brake pads are wear parts and are not covered by the warranty: "
    "charge the customer.",
    "evidence": "No measured values or photos of the failure: resubmit with the "
    "diagnosis report.",
    "no_defect": "The returned part was tested at the claims centre and works to "
    "specification.",
}

FOLLOWUP_REMARKS = {
    "1": [
        "Waited three hours and nobody told me why.",
        "The noise is back two days after the repair.",
        "Charged for things nobody asked me about.",
    ],
    "2": [
        "The car was returned dirty inside.",
        "Had to call twice before anyone answered.",
        "The quote was much higher than the phone estimate.",
    ],
    "3": ["Fine, but the wait was long.", "OK, nothing special."],
    "4": ["Good service, thank you.", "Car is fine, the advisor was helpful."],
    "5": [
        "Very happy, the advisor explained everything.",
        "Fast and friendly, thank you.",
        "Excellent, the car drives like new.",
    ],
}

# Complaints recorded at the dealership (category xml id suffix: words, root cause,
# resolution).
COMPLAINTS = {
    "autocrm_complaint_category_waiting": (
        "I booked for 9:00 and the car was ready at 16:00; nobody called me.",
        "The workshop planned more jobs than bays; the advisor did not update the "
        "customer.",
        "Apologised, refunded the labour of the visit and offered a free car wash.",
    ),
    "autocrm_complaint_category_not_fixed_first_time": (
        "Third visit for the same rattle and it is still there.",
        "The first diagnosis checked the front axle only; the rear link was worn.",
        "Rear stabiliser link replaced at no charge; road test with the customer.",
    ),
    "autocrm_complaint_category_promise_broken": (
        "You promised a courtesy car and there was none when I arrived.",
        "The courtesy car booking was not recorded in the schedule.",
        "Taxi fare refunded; courtesy cars are now booked in the system.",
    ),
    "autocrm_complaint_category_price": (
        "The bill is 40 % higher than the quote on the phone.",
        "Extra work was done without the customer's written approval.",
        "The extra labour was waived; every change now needs the customer's approval.",
    ),
    "autocrm_complaint_category_product_quality": (
        "The infotainment screen freezes every few days.",
        "Known software fault of the head unit; fixed in the latest release.",
        "Software updated to the OEM's latest release; customer informed.",
    ),
    "autocrm_complaint_category_passed_around": (
        "I was passed between service and sales four times about my warranty.",
        "No one owned warranty questions at the front desk.",
        "The service manager called back and settled the warranty question.",
    ),
    "autocrm_complaint_category_attention": (
        "Nobody greeted me at reception; I waited twenty minutes.",
        "The reception desk was left empty during the lunch break.",
        "Apologised; lunch breaks are now staggered at reception.",
    ),
    "autocrm_complaint_category_unprofessional": (
        "The advisor could not explain what was done to my car.",
        "The advisor had not read the technician's findings.",
        "The service manager explained the work; advisors now review findings "
        "before hand-over.",
    ),
    "autocrm_complaint_category_not_listened": (
        "I said the noise comes from the back, they only checked the front.",
        "The customer's own words were not written on the repair order.",
        "Rear checked and fixed; the customer's words are now always recorded.",
    ),
}
IMPROVEMENT_PLAN = (
    "Daily stand-up of the service team on open promises and waiting times; "
    "advisors call the customer when a job runs late."
)
PREVENTION_PLAN = (
    "Monthly review of complaints by the service manager; the root causes go into "
    "the advisors' training plan."
)

RETENTION_REASONS = [
    ("price", "Found an independent garage that is cheaper.", 200),
    ("inconvenience", "Moved to the other side of the city.", 0),
    ("competition", "Another brand's dealer offered free maintenance.", 300),
    ("staff_failure", "Unhappy with the advisor at the last visit.", 150),
    ("core_service_failure", "The last repair did not last.", 400),
]
RETENTION_ACTIONS = (
    "Called the customer; offered the loyalty maintenance package at 20 % off and "
    "a free pick-up of the car."
)

# Campaigns: xml id suffix: (name, type, months before today it starts, days it
# runs, channel, budget, cost, segment, purpose). "network" is the OEM's.
CAMPAIGNS = {
    "summer": (
        "Summer air-conditioning check",
        "promotion",
        6,
        35,
        "phone",
        4000,
        2600,
        "[]",
        "Bring customers in before the hot season; sell A/C cleaning and filters.",
    ),
    "autumn": (
        "Autumn care day for cars over 3 years",
        "care",
        3,
        14,
        "email",
        3000,
        1800,
        '[("vehicle_ids.age_years", ">=", 3)]',
        "Keep older cars coming: free 20-point check before winter.",
    ),
    "network": (
        "National service week",
        "promotion",
        9,
        10,
        "phone",
        20000,
        12000,
        "[]",
        "One week of 15 % off labour at every dealership of the network.",
    ),
}
CAMPAIGN_CONTENT = (
    "<p>Free check, 15 % off labour and a gift for every visit during the campaign.</p>"
)

SERVICE_COSTS = [
    ("people", "Customer-care staff and overtime", 6000),
    ("equipment", "Diagnostic tools and lounge equipment", 2500),
    ("money", "Gifts and goodwill for customers", 1500),
]
