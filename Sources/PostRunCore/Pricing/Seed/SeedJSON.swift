extension PricingSeed {
    /// ``giaLaiCovid2020`` as canonical JSON (sorted keys), for the migration that stores it.
    /// `PricingSeedTests` checks it decodes to the Swift value and matches what ``canonicalJSON(_:)`` produces.
    public static let giaLaiCovid2020JSON = #"""
    {
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
    }
    """#

    /// ``exampleTariff`` as canonical JSON (sorted keys), for the migration that stores it.
    public static let exampleTariffJSON = #"""
    {
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
    }
    """#
}
