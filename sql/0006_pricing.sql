-- Pricing storage: tariff versions and discount campaigns, each stored as the pricing engine's JSON document
-- (docs/pricing.md) with the fields the database filters on promoted to columns. A version is never edited once a job
-- was priced with it (the API refuses; jobs.quote keeps the snapshot anyway); it is retired and a new version created.
-- Seeded with PricingSeed (the example tariff and the Gia Lai 2020 COVID-19 campaign) so a fresh install quotes at once.

CREATE TABLE tariff_versions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The document's "id", e.g. example-khanh-hoa-2020; what jobs.quote->>'tariff' names.
    public_id   text NOT NULL UNIQUE CHECK (length(public_id) BETWEEN 1 AND 100),
    name        text NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date,
    document    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz,
    retired_by  text,
    CHECK (valid_to IS NULL OR valid_to >= valid_from),
    CHECK (document->>'id' = public_id)
);
CREATE INDEX tariff_versions_window ON tariff_versions (valid_from, valid_to) WHERE retired_at IS NULL;

CREATE TABLE campaign_versions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The document's "id"; what jobs.quote->'lines'[*]->'discounts'[*]->>'campaign' names.
    public_id   text NOT NULL UNIQUE CHECK (length(public_id) BETWEEN 1 AND 100),
    name        text NOT NULL,
    start_date  date NOT NULL,
    end_date    date NOT NULL,
    -- Provinces whose jobs the campaign may discount (the applicant's province); NULL: every province.
    provinces   text[] CHECK (provinces IS NULL OR cardinality(provinces) > 0),
    document    jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz,
    retired_by  text,
    CHECK (end_date >= start_date),
    CHECK (document->>'id' = public_id)
);
CREATE INDEX campaign_versions_window ON campaign_versions (start_date, end_date) WHERE retired_at IS NULL;

-- "Was this version used?" (admin edits) and the discount report (accepted_at ranges).
CREATE INDEX jobs_quote_tariff ON jobs ((quote->>'tariff'));
CREATE INDEX IF NOT EXISTS jobs_accepted_at ON jobs (accepted_at);

-- Seed: PricingSeed.exampleTariffJSON and PricingSeed.giaLaiCovid2020JSON, verbatim (PricingSeedStorageTests checks them).
INSERT INTO tariff_versions (public_id, name, valid_from, valid_to, document, created_by)
SELECT d->>'id', d->>'name', (d->>'valid_from')::date, (d->>'valid_to')::date, d, 'seed'
FROM (SELECT '{
  "applicant_exemptions" : [
    {
      "category" : "revolutionary_pre_1945",
      "change" : {
        "basis_points" : 10000
      },
      "components" : null
    },
    {
      "category" : "heroic_mother",
      "change" : {
        "basis_points" : 10000
      },
      "components" : null
    }
  ],
  "area_class_adjustments" : [],
  "components" : [
    {
      "component" : "dossier_pickup",
      "prices" : [
        {
          "additional" : 0,
          "first" : 26000,
          "zone" : "same_commune"
        },
        {
          "additional" : 0,
          "first" : 26000,
          "zone" : "same_area"
        },
        {
          "additional" : 0,
          "first" : 30000,
          "zone" : "within_province"
        },
        {
          "additional" : 0,
          "first" : 30500,
          "zone" : "neighbouring_region"
        },
        {
          "additional" : 0,
          "first" : 31500,
          "zone" : "other_province"
        }
      ],
      "weight_steps" : {
        "additional_grams" : null,
        "first_grams" : 100
      }
    },
    {
      "component" : "result_return",
      "prices" : [
        {
          "additional" : 0,
          "first" : 26000,
          "zone" : "same_commune"
        },
        {
          "additional" : 0,
          "first" : 26000,
          "zone" : "same_area"
        },
        {
          "additional" : 0,
          "first" : 30000,
          "zone" : "within_province"
        },
        {
          "additional" : 0,
          "first" : 30500,
          "zone" : "neighbouring_region"
        },
        {
          "additional" : 0,
          "first" : 31500,
          "zone" : "other_province"
        }
      ],
      "weight_steps" : {
        "additional_grams" : null,
        "first_grams" : 100
      }
    },
    {
      "component" : "fee_collection",
      "prices" : [
        {
          "additional" : 0,
          "first" : 8000,
          "zone" : null
        }
      ],
      "weight_steps" : {
        "additional_grams" : null,
        "first_grams" : 100
      }
    },
    {
      "component" : "extra_attempt",
      "prices" : [
        {
          "additional" : 0,
          "first" : 26000,
          "zone" : "same_commune"
        },
        {
          "additional" : 0,
          "first" : 26000,
          "zone" : "same_area"
        },
        {
          "additional" : 0,
          "first" : 30000,
          "zone" : "within_province"
        },
        {
          "additional" : 0,
          "first" : 30500,
          "zone" : "neighbouring_region"
        },
        {
          "additional" : 0,
          "first" : 31500,
          "zone" : "other_province"
        }
      ],
      "weight_steps" : {
        "additional_grams" : null,
        "first_grams" : 100
      }
    }
  ],
  "id" : "example-khanh-hoa-2020",
  "name" : "Biểu giá mẫu (ví dụ, theo giá công bố của Khánh Hòa)",
  "rounding" : {
    "mode" : "half_up",
    "unit" : 1
  },
  "valid_from" : "2020-01-01",
  "valid_to" : null,
  "vat" : {
    "prices_include_vat" : true,
    "rate_basis_points" : 0
  },
  "zones" : {
    "area_groups" : [],
    "neighbouring_provinces" : [
      "54",
      "58",
      "66",
      "68"
    ]
  }
}'::jsonb AS d) AS seed;

-- A directive of the Gia Lai People's Committee: limited to Gia Lai (52 since the 2025 merger).
INSERT INTO campaign_versions (public_id, name, start_date, end_date, provinces, document, created_by)
SELECT d->>'id', d->>'name', (d->>'start_date')::date, (d->>'end_date')::date, '{52}', d, 'seed'
FROM (SELECT '{
  "cap_per_job" : null,
  "components" : [
    "result_return"
  ],
  "decided_by" : "accepted_date",
  "discount" : {
    "basis_points" : 3000
  },
  "eligibility" : {
    "any" : [
      {
        "all" : [
          {
            "channel_in" : [
              "online"
            ]
          },
          {
            "online_level_in" : [
              3,
              4
            ]
          }
        ]
      },
      {
        "field_in" : [
          "secured_transaction_registration"
        ]
      }
    ]
  },
  "end_date" : "2020-05-30",
  "funders" : [
    {
      "basis_points" : 10000,
      "funder" : "post_office"
    }
  ],
  "id" : "gia-lai-2020-covid19-result-return-30",
  "legal_reference" : "Chỉ thị của UBND tỉnh Gia Lai ngày 15/04/2020",
  "name" : "Giảm 30% giá cước chuyển trả kết quả TTHC qua dịch vụ BCCI (phòng, chống COVID-19, Gia Lai 2020)",
  "stackable" : false,
  "start_date" : "2020-03-23"
}'::jsonb AS d) AS seed;
